//! The crate's one error type, [`Error`], and its stable [`ErrorKind`] codes.
//!
//! The codes are a contract: the `jwt` command prints them in its JSON output and
//! programs match on them. Cryptographic failures carry no detail that could serve as
//! an oracle, and no message ever contains key material.

use std::fmt;

/// What went wrong, as a stable code a program can match on.
///
/// [`ErrorKind::as_str`] gives the snake_case code printed by the `jwt` command.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// The input is not well-formed: bad base64url, bad JSON, wrong number of segments.
    Malformed,
    /// A header is missing a required member or has one of the wrong type or value.
    InvalidHeader,
    /// A JSON object repeats a member name.
    DuplicateMember,
    /// `crit` names a header parameter this library does not understand, or is malformed.
    UnknownCrit,
    /// The algorithm is not one this library implements (or not with the enabled features).
    UnsupportedAlg,
    /// The algorithm is implemented but not in the caller's allow-list.
    AlgNotAllowed,
    /// The key cannot be used for this algorithm or operation (type, curve, `alg`, `use`, `key_ops`).
    KeyTypeMismatch,
    /// The key is too weak for the algorithm (short RSA modulus, short HMAC secret).
    WeakKey,
    /// Key material is invalid: wrong member lengths, point not on curve, inconsistent parts.
    InvalidKey,
    /// The key is well-formed but of a form this library does not use: an unknown `kty`
    /// or curve (or one whose cargo feature is off), a multi-prime RSA key (`oth`), an
    /// encrypted or unknown PEM block, an unknown key algorithm in DER.
    UnsupportedKey,
    /// No key in the set matches the token (`kid` or algorithm).
    KeyNotFound,
    /// A signature or MAC did not verify.
    BadSignature,
    /// Decryption failed. Deliberately carries no detail (no padding or tag oracle).
    DecryptionFailed,
    /// The token has the wrong shape for this entry point (a JWE where a JWS is expected, ...).
    TokenTypeMismatch,
    /// The `typ` header does not match what the verifier expects.
    TypMismatch,
    /// A configured size or cost limit was exceeded.
    LimitExceeded,
    /// The token's `exp` has passed.
    Expired,
    /// The token's `nbf` is in the future.
    NotYetValid,
    /// The token's `iat` is in the future.
    IssuedInFuture,
    /// The token is older than the configured maximum age.
    TokenTooOld,
    /// A required claim is absent.
    MissingClaim,
    /// A claim has the wrong JSON type or format.
    InvalidClaim,
    /// A claim's value failed a rule (iss, aud, sub, or a derive rule).
    ClaimMismatch,
}

impl ErrorKind {
    /// Every kind, in declaration order (for documentation and exhaustive tests).
    pub const ALL: [ErrorKind; 23] = [
        ErrorKind::Malformed,
        ErrorKind::InvalidHeader,
        ErrorKind::DuplicateMember,
        ErrorKind::UnknownCrit,
        ErrorKind::UnsupportedAlg,
        ErrorKind::AlgNotAllowed,
        ErrorKind::KeyTypeMismatch,
        ErrorKind::WeakKey,
        ErrorKind::InvalidKey,
        ErrorKind::UnsupportedKey,
        ErrorKind::KeyNotFound,
        ErrorKind::BadSignature,
        ErrorKind::DecryptionFailed,
        ErrorKind::TokenTypeMismatch,
        ErrorKind::TypMismatch,
        ErrorKind::LimitExceeded,
        ErrorKind::Expired,
        ErrorKind::NotYetValid,
        ErrorKind::IssuedInFuture,
        ErrorKind::TokenTooOld,
        ErrorKind::MissingClaim,
        ErrorKind::InvalidClaim,
        ErrorKind::ClaimMismatch,
    ];

    /// The stable snake_case code (`"bad_signature"`, `"expired"`, ...).
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Malformed => "malformed",
            ErrorKind::InvalidHeader => "invalid_header",
            ErrorKind::DuplicateMember => "duplicate_member",
            ErrorKind::UnknownCrit => "unknown_crit",
            ErrorKind::UnsupportedAlg => "unsupported_alg",
            ErrorKind::AlgNotAllowed => "alg_not_allowed",
            ErrorKind::KeyTypeMismatch => "key_type_mismatch",
            ErrorKind::WeakKey => "weak_key",
            ErrorKind::InvalidKey => "invalid_key",
            ErrorKind::UnsupportedKey => "unsupported_key",
            ErrorKind::KeyNotFound => "key_not_found",
            ErrorKind::BadSignature => "bad_signature",
            ErrorKind::DecryptionFailed => "decryption_failed",
            ErrorKind::TokenTypeMismatch => "token_type_mismatch",
            ErrorKind::TypMismatch => "typ_mismatch",
            ErrorKind::LimitExceeded => "limit_exceeded",
            ErrorKind::Expired => "expired",
            ErrorKind::NotYetValid => "not_yet_valid",
            ErrorKind::IssuedInFuture => "issued_in_future",
            ErrorKind::TokenTooOld => "token_too_old",
            ErrorKind::MissingClaim => "missing_claim",
            ErrorKind::InvalidClaim => "invalid_claim",
            ErrorKind::ClaimMismatch => "claim_mismatch",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error of every fallible operation in this crate.
///
/// Match on [`Error::kind`]; show [`Error`] (via `Display`) to a person. Claim errors
/// also name the claim ([`Error::claim`]).
#[derive(Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: Box<str>,
    claim: Option<Box<str>>,
}

impl Error {
    /// An error of `kind` with a message a person can act on (what was expected, what was found).
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into().into_boxed_str(),
            claim: None,
        }
    }

    /// An error about the claim named `claim`.
    pub fn claim(kind: ErrorKind, claim: impl Into<String>, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into().into_boxed_str(),
            claim: Some(claim.into().into_boxed_str()),
        }
    }

    /// The stable kind.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The human-readable message (without the kind).
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The claim this error is about, for claim errors.
    pub fn claim_name(&self) -> Option<&str> {
        self.claim.as_deref()
    }

    /// Shorthand for [`ErrorKind::Malformed`].
    pub(crate) fn malformed(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Malformed, message)
    }

    /// The one decryption error: no detail, so it cannot serve as an oracle.
    pub(crate) fn decryption_failed() -> Self {
        Error::new(ErrorKind::DecryptionFailed, "decryption failed")
    }

    /// The one signature error: no detail beyond the fact.
    pub(crate) fn bad_signature() -> Self {
        Error::new(ErrorKind::BadSignature, "signature verification failed")
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Error");
        d.field("kind", &self.kind).field("message", &self.message);
        if let Some(claim) = &self.claim {
            d.field("claim", claim);
        }
        d.finish()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind, self.message)
    }
}

impl std::error::Error for Error {}

/// `Result<T, Error>`.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_snake_case() {
        let mut seen = std::collections::HashSet::new();
        for kind in ErrorKind::ALL {
            let code = kind.as_str();
            assert!(
                code.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{code}"
            );
            assert!(seen.insert(code), "duplicate code {code}");
        }
    }

    #[test]
    fn display_shows_kind_and_message() {
        let e = Error::claim(
            ErrorKind::ClaimMismatch,
            "iss",
            "expected \"a\", found \"b\"",
        );
        assert_eq!(e.to_string(), "claim_mismatch: expected \"a\", found \"b\"");
        assert_eq!(e.claim_name(), Some("iss"));
        assert_eq!(e.kind(), ErrorKind::ClaimMismatch);
    }
}
