//! Layer 0: what every other layer uses and that knows no domain: errors in Dutch and English,
//! dates, field limits, the canonical hash, writing files.

pub mod dates;
pub mod error;
pub mod files;
pub mod hash;
pub mod text;
pub mod xml;
