//! The model the checks and the expansion work on: the struct and its fields, borrowing
//! the syn nodes so every error can point at the user's own tokens.

use super::attr::{self, ContainerAttrs, FieldAttrs};
use super::ctxt::Ctxt;
use proc_macro2::{Span, TokenStream, TokenTree};
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::{Data, DeriveInput, Fields, GenericArgument, Generics, Ident, PathArguments, Type};

/// A struct with named fields.
pub(crate) struct Container<'a> {
    pub ident: &'a Ident,
    pub generics: &'a Generics,
    pub attrs: ContainerAttrs,
    pub fields: Vec<Field<'a>>,
}

pub(crate) struct Field<'a> {
    pub ident: &'a Ident,
    pub ty: &'a Type,
    pub attrs: FieldAttrs,
    /// The JSON name serde reads the field from.
    pub name: String,
    /// `Option<_>`: the claim may be absent.
    pub optional: bool,
    /// The type inside `Option`, or the type itself.
    pub inner: &'a Type,
    pub kind: Kind,
    /// Whether the type mentions a type parameter of the struct.
    pub generic: bool,
}

/// What a field type is, as far as the rules care; read from the syntax, so an alias or
/// a type parameter is [`Kind::Other`] (it still gets exact trait checks from rustc).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Kind {
    Str,
    Int { name: String, signed: bool },
    Float(String),
    Bool,
    Date,
    Audience,
    Seq(Box<Kind>),
    Other,
}

impl<'a> Container<'a> {
    /// The model, or `None` (with the error recorded) for an input the derive cannot take.
    pub(crate) fn from_syn(
        cx: &Ctxt,
        input: &'a DeriveInput,
        attrs: ContainerAttrs,
    ) -> Option<Self> {
        let fields = match &input.data {
            Data::Struct(data) => match &data.fields {
                Fields::Named(named) => &named.named,
                Fields::Unnamed(_) => {
                    cx.error_spanned(
                        &input.ident,
                        "#[derive(Claims)] needs a struct with named fields: a claims set is a JSON object whose members are the field names",
                    );
                    return None;
                }
                Fields::Unit => {
                    cx.error_spanned(
                        &input.ident,
                        "#[derive(Claims)] needs a struct with named fields (at least `exp`)",
                    );
                    return None;
                }
            },
            Data::Enum(data) => {
                cx.error(
                    data.enum_token.span,
                    "#[derive(Claims)] supports structs only: for one of several claim types, verify with each type's own verifier",
                );
                return None;
            }
            Data::Union(data) => {
                cx.error(
                    data.union_token.span,
                    "#[derive(Claims)] supports structs only, not unions",
                );
                return None;
            }
        };
        let type_params: Vec<&Ident> = input.generics.type_params().map(|p| &p.ident).collect();
        let fields = fields
            .iter()
            .filter_map(|field| {
                let ident = field.ident.as_ref()?;
                let field_attrs = attr::field(cx, &field.attrs);
                let name = match &field_attrs.rename {
                    Some(rename) => rename.value(),
                    None => {
                        let plain = ident.unraw().to_string();
                        match attrs.rename_all {
                            Some(rule) => rule.apply(&plain),
                            None => plain,
                        }
                    }
                };
                let (optional, inner) = match option_inner(&field.ty) {
                    Some(inner) => (true, inner),
                    None => (false, &field.ty),
                };
                Some(Field {
                    ident,
                    ty: &field.ty,
                    name,
                    optional,
                    inner,
                    kind: Kind::of(inner),
                    generic: mentions_any(field.ty.to_token_stream(), &type_params),
                    attrs: field_attrs,
                })
            })
            .collect();
        Some(Container {
            ident: &input.ident,
            generics: &input.generics,
            attrs,
            fields,
        })
    }

    /// The field holding the claim `name` (skipped and flattened fields hold none).
    pub(crate) fn claim(&self, name: &str) -> Option<&Field<'a>> {
        self.fields.iter().find(|f| f.is_claim() && f.name == name)
    }
}

impl Field<'_> {
    /// Whether the field is read from one JSON member of the token.
    pub(crate) fn is_claim(&self) -> bool {
        self.attrs.skip.is_none() && self.attrs.flatten.is_none()
    }

    /// Where errors about the claim's name point: the rename, else the field name.
    pub(crate) fn name_span(&self) -> Span {
        match &self.attrs.rename {
            Some(rename) => rename.span(),
            None => self.ident.span(),
        }
    }
}

impl Kind {
    pub(crate) fn of(ty: &Type) -> Kind {
        let ty = ungroup(ty);
        match ty {
            Type::Array(array) => Kind::Seq(Box::new(Kind::of(&array.elem))),
            Type::Path(path) if path.qself.is_none() => {
                let Some(last) = path.path.segments.last() else {
                    return Kind::Other;
                };
                let name = last.ident.to_string();
                let args = type_args(&last.arguments);
                match (name.as_str(), args.as_slice()) {
                    ("String", []) => Kind::Str,
                    ("Box" | "Arc" | "Cow", [arg]) if is_str(arg) => Kind::Str,
                    ("Vec" | "VecDeque" | "HashSet" | "BTreeSet" | "Box", [elem]) => {
                        match ungroup(elem) {
                            Type::Slice(slice) if name == "Box" => {
                                Kind::Seq(Box::new(Kind::of(&slice.elem)))
                            }
                            _ if name == "Box" => Kind::Other,
                            _ => Kind::Seq(Box::new(Kind::of(elem))),
                        }
                    }
                    ("bool", []) => Kind::Bool,
                    ("f32" | "f64", []) => Kind::Float(name),
                    (
                        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" | "i8" | "i16" | "i32"
                        | "i64" | "i128" | "isize",
                        [],
                    ) => Kind::Int {
                        signed: name.starts_with('i'),
                        name,
                    },
                    ("NumericDate", []) => Kind::Date,
                    ("Audience", []) => Kind::Audience,
                    _ => Kind::Other,
                }
            }
            _ => Kind::Other,
        }
    }

    /// The strings, integers and floats a literal can be compared with.
    pub(crate) fn is_scalar(&self) -> bool {
        matches!(
            self,
            Kind::Str | Kind::Int { .. } | Kind::Float(_) | Kind::Bool
        )
    }
}

fn ungroup(mut ty: &Type) -> &Type {
    loop {
        match ty {
            Type::Group(group) => ty = &group.elem,
            Type::Paren(paren) => ty = &paren.elem,
            _ => return ty,
        }
    }
}

fn type_args(arguments: &PathArguments) -> Vec<&Type> {
    match arguments {
        PathArguments::AngleBracketed(args) => args
            .args
            .iter()
            .filter_map(|arg| match arg {
                GenericArgument::Type(ty) => Some(ty),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn is_str(ty: &Type) -> bool {
    matches!(ungroup(ty), Type::Path(p) if p.qself.is_none() && p.path.is_ident("str"))
}

/// `T` of `Option<T>` (also `std::option::Option<T>`).
fn option_inner(ty: &Type) -> Option<&Type> {
    let Type::Path(path) = ungroup(ty) else {
        return None;
    };
    let last = path.path.segments.last()?;
    match (
        last.ident == "Option",
        type_args(&last.arguments).as_slice(),
    ) {
        (true, [inner]) => Some(inner),
        _ => None,
    }
}

fn mentions_any(tokens: TokenStream, idents: &[&Ident]) -> bool {
    tokens.into_iter().any(|tree| match tree {
        TokenTree::Ident(ident) => idents.iter().any(|p| **p == ident),
        TokenTree::Group(group) => mentions_any(group.stream(), idents),
        _ => false,
    })
}

/// A type as a person writes it, for messages: `Option<String>`, not `Option < String >`.
pub(crate) fn type_name(ty: &Type) -> String {
    let spaced = ty.to_token_stream().to_string();
    let mut out = String::with_capacity(spaced.len());
    let chars: Vec<char> = spaced.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if *c == ' ' {
            let before = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
            let after = chars.get(i + 1).copied();
            let word =
                |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '\'');
            let keep = (word(before) && word(after)) || before == Some(',');
            if !keep {
                continue;
            }
        }
        out.push(*c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use syn::parse_quote;

    fn kind(ty: Type) -> Kind {
        Kind::of(&ty)
    }

    #[test]
    fn kinds_from_syntax() {
        assert_eq!(kind(parse_quote!(String)), Kind::Str);
        assert_eq!(
            kind(parse_quote!(std::borrow::Cow<'static, str>)),
            Kind::Str
        );
        assert_eq!(kind(parse_quote!(Box<str>)), Kind::Str);
        assert_eq!(
            kind(parse_quote!(u64)),
            Kind::Int {
                name: "u64".into(),
                signed: false
            }
        );
        assert_eq!(kind(parse_quote!(f32)), Kind::Float("f32".into()));
        assert_eq!(kind(parse_quote!(jwt_core::NumericDate)), Kind::Date);
        assert_eq!(kind(parse_quote!(Audience)), Kind::Audience);
        assert_eq!(
            kind(parse_quote!(Vec<String>)),
            Kind::Seq(Box::new(Kind::Str))
        );
        assert_eq!(
            kind(parse_quote!(Box<[bool]>)),
            Kind::Seq(Box::new(Kind::Bool))
        );
        assert!(!kind(parse_quote!([u8; 4])).is_scalar());
        assert_eq!(kind(parse_quote!(MyDate)), Kind::Other);
        assert_eq!(kind(parse_quote!(T)), Kind::Other);
        assert_eq!(kind(parse_quote!(Box<u8>)), Kind::Other);
    }

    #[test]
    fn options_and_generics() {
        let input: DeriveInput = parse_quote! {
            #[serde(rename_all = "camelCase")]
            struct S<T> {
                exp: NumericDate,
                tenant_id: Option<T>,
                #[serde(rename = "iss")]
                issuer: std::option::Option<String>,
                #[serde(skip)]
                cache: u8,
            }
        };
        let cx = Ctxt::default();
        let attrs = attr::container(&cx, &input.attrs);
        let c = Container::from_syn(&cx, &input, attrs).unwrap();
        cx.finish().unwrap();
        let names: Vec<&str> = c.fields.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["exp", "tenantId", "iss", "cache"]);
        assert_eq!(
            c.fields.iter().map(|f| f.optional).collect::<Vec<_>>(),
            [false, true, true, false]
        );
        assert!(c.fields[1].generic && !c.fields[2].generic);
        assert_eq!(c.fields[2].kind, Kind::Str);
        assert!(c.claim("iss").is_some());
        assert!(c.claim("cache").is_none());
    }

    #[test]
    fn shapes_that_are_refused() {
        for input in [
            parse_quote!(
                enum E {
                    A,
                }
            ),
            parse_quote!(
                struct T(u8);
            ),
            parse_quote!(
                struct U;
            ),
            parse_quote!(union V { a: u8 }),
        ] {
            let input: DeriveInput = input;
            let cx = Ctxt::default();
            assert!(Container::from_syn(&cx, &input, ContainerAttrs::default()).is_none());
            assert!(cx.finish().is_err());
        }
    }

    #[test]
    fn readable_type_names() {
        let ty: Type = parse_quote!(Option<std::collections::HashMap<String, &'static str>>);
        assert_eq!(
            type_name(&ty),
            "Option<std::collections::HashMap<String, &'static str>>"
        );
    }
}
