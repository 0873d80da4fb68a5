//! Error collection: every stage reports into one [`Ctxt`], so a single compile shows
//! every mistake instead of the first one.

use proc_macro2::Span;
use quote::ToTokens;
use std::cell::RefCell;
use std::fmt::Display;
use std::thread;

/// The errors found so far. It must be ended with [`Ctxt::finish`]: dropping it unfinished
/// panics, since errors that nobody reads would let a wrong input expand silently.
pub(crate) struct Ctxt {
    /// `None` once finished.
    errors: RefCell<Option<Vec<syn::Error>>>,
}

impl Default for Ctxt {
    fn default() -> Self {
        Ctxt {
            errors: RefCell::new(Some(Vec::new())),
        }
    }
}

impl Ctxt {
    /// An error at `span`.
    pub(crate) fn error(&self, span: Span, message: impl Display) {
        self.push(syn::Error::new(span, message));
    }

    /// An error spanning all of `tokens` (so the whole type or expression is underlined).
    pub(crate) fn error_spanned(&self, tokens: impl ToTokens, message: impl Display) {
        self.push(syn::Error::new_spanned(tokens, message));
    }

    /// A parse error already carrying its span.
    pub(crate) fn push(&self, error: syn::Error) {
        self.errors
            .borrow_mut()
            .as_mut()
            .expect("Ctxt used after finish")
            .push(error);
    }

    /// All the errors as one (each keeps its own span), or `Ok` when there were none.
    pub(crate) fn finish(self) -> syn::Result<()> {
        let errors = self.errors.borrow_mut().take();
        let mut errors = errors.expect("Ctxt finished twice").into_iter();
        match errors.next() {
            None => Ok(()),
            Some(mut first) => {
                first.extend(errors);
                Err(first)
            }
        }
    }

    /// The messages of [`Ctxt::finish`], in the order they were reported.
    #[cfg(test)]
    pub(crate) fn into_messages(self) -> Vec<String> {
        match self.finish() {
            Ok(()) => Vec::new(),
            Err(errors) => errors.into_iter().map(|e| e.to_string()).collect(),
        }
    }
}

impl Drop for Ctxt {
    fn drop(&mut self) {
        // Not while unwinding: a second panic would abort and hide the first.
        if !thread::panicking() && self.errors.borrow().is_some() {
            panic!("a Ctxt was dropped without finish(): its errors were never reported");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collects_every_error() {
        let cx = Ctxt::default();
        assert!(Ctxt::default().finish().is_ok());
        cx.error(Span::call_site(), "first");
        cx.error(Span::call_site(), "second");
        assert_eq!(cx.into_messages(), ["first", "second"]);
    }

    #[test]
    #[should_panic(expected = "dropped without finish()")]
    fn an_unfinished_ctxt_panics_on_drop() {
        let cx = Ctxt::default();
        cx.error(Span::call_site(), "never reported");
        drop(cx);
    }
}
