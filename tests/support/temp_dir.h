// A fresh folder under $TMPDIR (or /tmp), removed with everything in it when
// the object goes away.
#ifndef MEA_TESTS_SUPPORT_TEMP_DIR_H_
#define MEA_TESTS_SUPPORT_TEMP_DIR_H_

#include <string>

namespace mea::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // path() + "/" + name.
  std::string File(const std::string& name) const;

 private:
  std::string path_;
};

}  // namespace mea::testing

#endif  // MEA_TESTS_SUPPORT_TEMP_DIR_H_
