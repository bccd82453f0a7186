// Validation of methods (metoder) and of the list filters.
#include <algorithm>

#include "services/rpc/fields.h"
#include "services/tracking/mapping.h"
#include "services/tracking/validation.h"

namespace mea::services::tracking {
namespace {

namespace store = storage::tracking;

// The descriptive fields of a method: what CreateMethod takes and
// UpdateMethod may change. The id is immutable; the status is derived.
struct MethodField {
  const char* name;
  const std::string& (v1::Method::*get)() const;
  std::string store::MethodRecord::*record_field;
  // A medicine case always has a title, an active substance (virkestoff)
  // and a supplier (MT-innehaver), which agreements are made with.
  Presence presence;
};

constexpr MethodField kMethodFields[] = {
    {"title", &v1::Method::title, &store::MethodRecord::title,
     Presence::kRequired},
    {"active_substance", &v1::Method::active_substance,
     &store::MethodRecord::active_substance, Presence::kRequired},
    {"brand_name", &v1::Method::brand_name, &store::MethodRecord::brand_name,
     Presence::kOptional},
    {"indication", &v1::Method::indication, &store::MethodRecord::indication,
     Presence::kOptional},
    {"supplier", &v1::Method::supplier, &store::MethodRecord::supplier,
     Presence::kRequired},
    {"therapeutic_area", &v1::Method::therapeutic_area,
     &store::MethodRecord::therapeutic_area, Presence::kOptional},
};

const MethodField* FindMethodField(const std::string& name) {
  for (const MethodField& field : kMethodFields) {
    if (name == field.name) return &field;
  }
  return nullptr;
}

std::string UpdatableNames() {
  std::string names;
  for (const MethodField& field : kMethodFields) {
    if (!names.empty()) names += ", ";
    names += field.name;
  }
  return names;
}

void CheckMethodField(const v1::Method& method, const MethodField& field,
                      FieldViolations& violations) {
  CheckName((method.*field.get)(), Path("method", field.name), field.presence,
            violations);
}

std::vector<std::string> MaskedFields(const v1::UpdateMethodRequest& request,
                                      FieldViolations& violations) {
  std::vector<std::string> fields;
  if (request.update_mask().paths().empty()) {
    for (const MethodField& field : kMethodFields) fields.push_back(field.name);
    return fields;
  }
  for (int i = 0; i < request.update_mask().paths_size(); ++i) {
    const std::string& path = request.update_mask().paths(i);
    if (FindMethodField(path) == nullptr) {
      violations.Add(Indexed("update_mask.paths", i),
                     absl::StrCat("\"", path,
                                  "\" cannot be updated; "
                                  "updatable: ",
                                  UpdatableNames()));
    } else if (std::find(fields.begin(), fields.end(), path) == fields.end()) {
      fields.push_back(path);
    }
  }
  return fields;
}

}  // namespace

store::MethodRecord ValidateNewMethod(const v1::Method& method,
                                      FieldViolations& violations) {
  store::MethodRecord record;
  CheckMethodId(method.id(), "method.id", violations);
  record.id = method.id();
  for (const MethodField& field : kMethodFields) {
    CheckMethodField(method, field, violations);
    record.*field.record_field = (method.*field.get)();
  }
  return record;
}

MethodUpdate ValidateMethodUpdate(const v1::UpdateMethodRequest& request,
                                  FieldViolations& violations) {
  MethodUpdate update;
  CheckMethodId(request.method().id(), "method.id", violations);
  update.id = request.method().id();
  update.fields = MaskedFields(request, violations);
  for (const std::string& name : update.fields) {
    CheckMethodField(request.method(), *FindMethodField(name), violations);
  }
  update.values = request.method();
  return update;
}

void ApplyMethodUpdate(const MethodUpdate& update,
                       store::MethodRecord& method) {
  for (const std::string& name : update.fields) {
    const MethodField* field = FindMethodField(name);
    method.*field->record_field = (update.values.*field->get)();
  }
}

store::MethodFilter ValidateMethodFilter(const v1::ListMethodsRequest& request,
                                         FieldViolations& violations) {
  store::MethodFilter filter;
  CheckName(request.therapeutic_area(), "therapeutic_area", Presence::kOptional,
            violations);
  CheckName(request.supplier(), "supplier", Presence::kOptional, violations);
  if (request.status() != v1::Method::STATUS_UNSPECIFIED) {
    CheckEnumInto(request.status(), "status", filter.status, violations);
  }
  filter.therapeutic_area = request.therapeutic_area();
  filter.supplier = request.supplier();
  return filter;
}

store::DecisionFilter ValidateDecisionFilter(
    const v1::ListDecisionsRequest& request, FieldViolations& violations) {
  store::DecisionFilter filter;
  if (!request.method_id().empty()) {
    CheckMethodId(request.method_id(), "method_id", violations);
  }
  if (request.introduction_type() !=
      v1::Decision::INTRODUCTION_TYPE_UNSPECIFIED) {
    CheckEnumInto(request.introduction_type(), "introduction_type",
                  filter.introduction_type, violations);
  }
  filter.method_id = request.method_id();
  return filter;
}

}  // namespace mea::services::tracking
