// The form of a Nye metoder case id (saksnummer), the id of a method and
// of an agreement's method_id (shared/docs/evaluation.md): "ID", four
// digits, "_", three digits, e.g. "ID2021_045". The one check of that form,
// used by the rules, the services' edge validation and the CLI alike.
#ifndef MEA_RULES_METHOD_ID_H_
#define MEA_RULES_METHOD_ID_H_

#include <string_view>

namespace mea::rules {

bool IsMethodId(std::string_view id);

}  // namespace mea::rules

#endif  // MEA_RULES_METHOD_ID_H_
