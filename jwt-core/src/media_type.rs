//! Media type names as JOSE headers carry them (`typ`, `cty`): RFC 7515 §4.1.9 and
//! §4.1.10 compare them case-insensitively and let `application/` be left out when no
//! other `/` remains, so `JWT`, `jwt`, `application/JWT` and `application/jwt` name
//! one type. Every place that judges `typ` or `cty` compares through this module.

/// Whether two `typ`/`cty` values name the same media type (RFC 7515 §4.1.9, §4.1.10):
/// case-insensitive, with `application/` optional when no other `/` remains
/// (`application/x/y` is not `x/y`).
///
/// ```
/// use jwt_core::media_types_match;
/// assert!(media_types_match("application/jwt", "JWT"));
/// assert!(media_types_match("at+jwt", "application/AT+JWT"));
/// assert!(!media_types_match("jwt", "application/jwt+json"));
/// assert!(!media_types_match(" JWT", "JWT"));
/// ```
pub fn media_types_match(a: &str, b: &str) -> bool {
    without_application_prefix(a).eq_ignore_ascii_case(without_application_prefix(b))
}

/// Whether a `cty` says the content is itself a JWT (a nested token, RFC 7519 §5.2).
pub(crate) fn is_jwt(cty: &str) -> bool {
    media_types_match(cty, "JWT")
}

fn without_application_prefix(media_type: &str) -> &str {
    match (media_type.get(..12), media_type.get(12..)) {
        (Some(prefix), Some(rest))
            if prefix.eq_ignore_ascii_case("application/") && !rest.contains('/') =>
        {
            rest
        }
        _ => media_type,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typ_comparison() {
        assert!(media_types_match("JWT", "jwt"));
        assert!(media_types_match("application/at+jwt", "at+JWT"));
        assert!(media_types_match("at+jwt", "APPLICATION/at+jwt"));
        assert!(!media_types_match("jwt", "at+jwt"));
        assert!(!media_types_match("application/", "jwt"));
        assert!(!media_types_match("applicationjwt", "jwt"));
        assert!(!media_types_match("application/x/y", "x/y"));
        assert!(media_types_match("application/x/y", "APPLICATION/x/y"));
    }

    #[test]
    fn every_spelling_of_a_nested_jwt_and_its_near_misses() {
        for cty in [
            "JWT",
            "jwt",
            "application/JWT",
            "application/jwt",
            "Application/Jwt",
        ] {
            assert!(is_jwt(cty), "{cty}");
        }
        for cty in [
            " JWT",
            "JWT ",
            "application/jwt+json",
            "text/jwt",
            "jwt+json",
            "application//jwt",
            "",
        ] {
            assert!(!is_jwt(cty), "{cty:?}");
        }
    }
}
