//! The impl emitted next to compile errors. Without it, every use of the type as
//! `Claims` (a `Verifier<T>`, `Jwt::new`) would add its own "`Claims` is not
//! implemented" error under the one that matters.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{DeriveInput, WherePredicate};

pub(crate) fn expand(input: &DeriveInput, krate: &TokenStream, errors: syn::Error) -> TokenStream {
    let p = quote!(#krate::__private);
    let ident = &input.ident;
    let mut generics = input.generics.clone();
    let (_, ty_generics, _) = input.generics.split_for_impl();
    // Behind a binder the bound is not "trivial", so the impl is accepted even when the
    // type lacks serde's traits (that mistake then gets its own, single, error).
    let serde: WherePredicate = syn::parse_quote! {
        for<'__jwt> #ident #ty_generics: #p::Serialize + #p::DeserializeOwned
    };
    generics.make_where_clause().predicates.push(serde);
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    let errors = errors.to_compile_error();
    quote! {
        #errors

        const _: () = {
            #[automatically_derived]
            impl #impl_generics #p::Claims for #ident #ty_generics #where_clause {
                fn registered(&self) -> #p::Result<#p::RegisteredView<'_>> {
                    ::core::unreachable!()
                }
                fn apply_defaults(&mut self, _: &#p::Defaults) -> #p::Result<()> {
                    ::core::unreachable!()
                }
            }
        };
    }
}
