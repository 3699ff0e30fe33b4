// Whether this build runs under AddressSanitizer (the dev preset adds UBSan with it).
// Such a build reserves terabytes of address space, so it cannot run under an
// RLIMIT_AS limit, and its own fatal-signal reports must not be replaced.
#pragma once

namespace corridor {

#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kSanitizedBuild = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kSanitizedBuild = true;
#else
inline constexpr bool kSanitizedBuild = false;
#endif
#else
inline constexpr bool kSanitizedBuild = false;
#endif

}  // namespace corridor
