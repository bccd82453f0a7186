// Which DRAFT agreements a reader may see. A draft is a negotiating
// position between procurement and one supplier: only procurement, the
// server itself and the supplier named on it may know that it exists
// (docs/security.md, "Draft agreements"). The services decide who the
// reader is (services/agreements/visibility.h); storage applies the rule in
// its SQL, so that lists page over what the reader may see.
//
// The default admits no draft at all: a query that forgets to say whose
// drafts it may show shows none (fails closed).
#ifndef MEA_STORAGE_CORE_DRAFT_VISIBILITY_H_
#define MEA_STORAGE_CORE_DRAFT_VISIBILITY_H_

#include <string>
#include <string_view>

namespace mea::storage {

struct DraftVisibility {
  // Every draft (procurement, the server itself).
  bool all = false;
  // Besides: the drafts naming this supplier ("" names none).
  std::string supplier;

  // The rule in C++, for an agreement already read; the SQL of
  // agreement_store.cc and tracking_due_store.cc says the same.
  bool Admits(std::string_view state,
              std::string_view agreement_supplier) const {
    return state != "DRAFT" || all ||
           (!supplier.empty() && agreement_supplier == supplier);
  }

  static DraftVisibility All() { return DraftVisibility{true, ""}; }
};

}  // namespace mea::storage

#endif  // MEA_STORAGE_CORE_DRAFT_VISIBILITY_H_
