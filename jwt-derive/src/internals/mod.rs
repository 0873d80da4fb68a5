//! Everything before code generation: the attributes parsed (`attr`) into a model that
//! borrows the syn nodes (`ast`), the cross-field rules checked on it (`check`), with every
//! error collected in one place (`ctxt`). The vocabulary the parsers share has a module
//! each: the keys (`symbol`), the registered claims (`registered`), serde's renaming
//! (`case`), typo suggestions (`suggest`) and durations (`duration`).

pub mod ast;
pub mod attr;
pub mod case;
pub mod check;
pub mod ctxt;
pub mod duration;
pub mod registered;
pub mod suggest;
pub mod symbol;
