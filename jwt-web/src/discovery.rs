//! OpenID Connect Discovery 1.0 and RFC 8414: from an issuer to its JWK Set.

use crate::error::{Error, ErrorKind, Result};
use crate::fetch;
use crate::remote::{RemoteJwks, RemoteJwksBuilder};
use jwt_core::{Claims, VerifierBuilder};
use tracing::Instrument;

/// What discovery found: the issuer (equal to the one configured) and its JWK Set.
#[derive(Debug, Clone)]
pub struct Discovery {
    issuer: String,
    jwks: RemoteJwks,
}

/// The members of the discovery document this crate uses. A derived `Deserialize`
/// refuses a repeated `issuer` or `jwks_uri` (two parsers could read different ones).
#[derive(serde::Deserialize)]
struct Document {
    issuer: String,
    jwks_uri: String,
}

impl RemoteJwksBuilder {
    /// Discovers `issuer`: reads `{issuer}/.well-known/openid-configuration` (OpenID
    /// Connect Discovery 1.0 §4) and, when that answers with a non-2xx status,
    /// `/.well-known/oauth-authorization-server{path}` (RFC 8414 §3); requires the
    /// document's `issuer` to equal `issuer` exactly (OpenID Connect Discovery §4.3,
    /// RFC 8414 §3.3); and builds a [`RemoteJwks`] on its `jwks_uri` with these settings.
    ///
    /// # Errors
    /// [`ErrorKind::InsecureUrl`] for the issuer or the `jwks_uri`; the fetch errors;
    /// [`ErrorKind::InvalidDocument`]; [`ErrorKind::IssuerMismatch`].
    pub async fn discover(self, issuer: &str) -> Result<Discovery> {
        let span = tracing::info_span!("oidc_discovery", issuer);
        self.discover_in_span(issuer).instrument(span).await
    }

    async fn discover_in_span(self, issuer: &str) -> Result<Discovery> {
        let base = fetch::check_url(issuer)?;
        let client = fetch::client(self.timeout)?;
        let openid = format!(
            "{}/.well-known/openid-configuration",
            issuer.trim_end_matches('/')
        );
        let path = base.path().trim_end_matches('/');
        let mut rfc8414 = base.clone();
        rfc8414.set_path(&format!("/.well-known/oauth-authorization-server{path}"));
        rfc8414.set_query(None);
        let mut last = None;
        for url in [fetch::check_url(&openid)?, rfc8414] {
            match fetch::get(&client, &url, self.body_limit).await {
                Ok((body, _)) => return self.read_document(issuer, &url, &body),
                // Only "not here" moves on: a timeout or a bad body is an answer.
                Err(e) if e.kind() == ErrorKind::Status => {
                    tracing::debug!(url = %url, error = e.message(), "no discovery document here");
                    last = Some(e);
                }
                Err(e) => {
                    tracing::warn!(url = %url, error.kind = e.kind().as_str(), error.message = e.message(), "discovery failed");
                    return Err(e);
                }
            }
        }
        Err(last.unwrap_or_else(|| Error::new(ErrorKind::Status, "no discovery document")))
    }

    fn read_document(self, issuer: &str, url: &reqwest::Url, body: &[u8]) -> Result<Discovery> {
        let document: Document = serde_json::from_slice(body).map_err(|e| {
            Error::new(
                ErrorKind::InvalidDocument,
                format!("{url}: not a discovery document: {e}"),
            )
        })?;
        if document.issuer != issuer {
            let error = Error::new(
                ErrorKind::IssuerMismatch,
                format!(
                    "{url} names issuer {:?}, not the configured {issuer:?}",
                    document.issuer
                ),
            );
            tracing::warn!(url = %url, "discovery document names another issuer");
            return Err(error);
        }
        let jwks = self.build(&document.jwks_uri)?;
        tracing::info!(url = %url, jwks_uri = jwks.url(), "issuer discovered");
        Ok(Discovery {
            issuer: document.issuer,
            jwks,
        })
    }
}

impl Discovery {
    /// Discovers `issuer` with the default settings ([`RemoteJwksBuilder::discover`]).
    ///
    /// # Errors
    /// As [`RemoteJwksBuilder::discover`].
    pub async fn discover(issuer: &str) -> Result<Discovery> {
        RemoteJwks::builder().discover(issuer).await
    }

    /// The issuer, exactly as configured and as the document names it.
    pub fn issuer(&self) -> &str {
        &self.issuer
    }

    /// The JWK Set of `jwks_uri`.
    pub fn jwks(&self) -> &RemoteJwks {
        &self.jwks
    }

    /// A verifier builder on the JWK Set that requires `iss` to be the issuer, with
    /// [`REMOTE_ALGORITHMS`](crate::REMOTE_ALGORITHMS) allowed.
    pub fn verifier_builder<C: Claims>(&self) -> VerifierBuilder<C> {
        self.jwks.verifier_builder().issuer(self.issuer.clone())
    }

    /// An [`Authenticator`](crate::Authenticator): `configure` adds to
    /// [`Discovery::verifier_builder`] (the audience, typically).
    ///
    /// # Errors
    /// [`ErrorKind::Config`] when the verifier cannot be built.
    pub fn authenticator<C: Claims>(
        &self,
        configure: impl FnOnce(VerifierBuilder<C>) -> VerifierBuilder<C>,
    ) -> Result<crate::Authenticator<C>> {
        let issuer = self.issuer.clone();
        self.jwks
            .authenticator(move |builder| configure(builder.issuer(issuer)))
    }
}
