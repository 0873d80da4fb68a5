//! serde's `rename_all` rules, those that apply to field names: a field's claim is the
//! JSON member serde reads it from, so the derive must compute the same name serde does.

/// A `rename_all` rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RenameRule {
    Lower,
    Upper,
    Pascal,
    Camel,
    Snake,
    ScreamingSnake,
    Kebab,
    ScreamingKebab,
}

impl RenameRule {
    /// The rule serde spells `name`; `None` for a name serde rejects (serde reports it).
    pub(crate) fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "lowercase" => RenameRule::Lower,
            "UPPERCASE" => RenameRule::Upper,
            "PascalCase" => RenameRule::Pascal,
            "camelCase" => RenameRule::Camel,
            "snake_case" => RenameRule::Snake,
            "SCREAMING_SNAKE_CASE" => RenameRule::ScreamingSnake,
            "kebab-case" => RenameRule::Kebab,
            "SCREAMING-KEBAB-CASE" => RenameRule::ScreamingKebab,
            _ => return None,
        })
    }

    /// The JSON name of a (snake_case) field, as serde computes it.
    pub(crate) fn apply(self, field: &str) -> String {
        match self {
            RenameRule::Lower | RenameRule::Snake => field.to_owned(),
            RenameRule::Upper | RenameRule::ScreamingSnake => field.to_ascii_uppercase(),
            RenameRule::Kebab => field.replace('_', "-"),
            RenameRule::ScreamingKebab => field.replace('_', "-").to_ascii_uppercase(),
            RenameRule::Pascal | RenameRule::Camel => {
                let mut out = String::with_capacity(field.len());
                let mut upper = self == RenameRule::Pascal;
                for c in field.chars() {
                    if c == '_' {
                        upper = true;
                    } else if upper {
                        out.push(c.to_ascii_uppercase());
                        upper = false;
                    } else {
                        out.push(c);
                    }
                }
                out
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rename_rules_match_serde() {
        let cases = [
            ("lowercase", "token_id"),
            ("UPPERCASE", "TOKEN_ID"),
            ("PascalCase", "TokenId"),
            ("camelCase", "tokenId"),
            ("snake_case", "token_id"),
            ("SCREAMING_SNAKE_CASE", "TOKEN_ID"),
            ("kebab-case", "token-id"),
            ("SCREAMING-KEBAB-CASE", "TOKEN-ID"),
        ];
        for (name, expected) in cases {
            let rule = RenameRule::from_name(name).unwrap();
            assert_eq!(rule.apply("token_id"), expected, "{name}");
        }
        assert_eq!(RenameRule::from_name("Title Case"), None);
    }
}
