//! Where render and search hand what they make: a function given each file's address from the
//! site root and its bytes. The build's staging folder is one, serve's site folder another.

use crate::diagnostic::Diagnostic;

/// Takes one file of the site: (address from the site root, bytes).
pub type Sink<'a> = dyn Fn(&str, &[u8]) -> Result<(), Diagnostic> + Sync + 'a;
