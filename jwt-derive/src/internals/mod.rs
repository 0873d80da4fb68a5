//! Everything before code generation: the attributes parsed (`attr`) into a model that
//! borrows the syn nodes (`ast`), the cross-field rules checked on it (`check`), with every
//! error collected in one place (`ctxt`). The vocabulary the parsers share has a module
//! each: the keys (`symbol`), the registered claims (`registered`), serde's renaming
//! (`case`), typo suggestions (`suggest`) and durations (`duration`).

pub(crate) mod ast;
pub(crate) mod attr;
pub(crate) mod case;
pub(crate) mod check;
pub(crate) mod ctxt;
pub(crate) mod duration;
pub(crate) mod registered;
pub(crate) mod suggest;
pub(crate) mod symbol;
