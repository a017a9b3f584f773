//! Where render and search hand what they make: a function given each file's address from the
//! site root and its bytes. The build's staging folder is one, serve's site folder another.
//! A file that is already on disk (a teacher's image, or a copy the previous build made) is
//! handed as a path instead, so that its bytes need not pass through memory: see [`FileSink`].

use std::path::Path;

use crate::diagnostic::Diagnostic;

/// Takes one file of the site: (address from the site root, bytes).
pub type Sink<'a> = dyn Fn(&str, &[u8]) -> Result<(), Diagnostic> + Sync + 'a;

/// Takes one file of the site that is already on disk: (address from the site root, where it
/// is). The staging folder places it with `Staging::place`.
pub type FileSink<'a> = dyn Fn(&str, OnDisk) -> Result<(), Diagnostic> + Sync + 'a;

/// Keeps a whole folder of the site being replaced, from the site root: one whose name holds
/// its content's hash, which the previous site holds exactly as it is needed. The staging
/// folder does it with `Staging::carry`.
pub type FolderSink<'a> = dyn Fn(&str) -> Result<(), Diagnostic> + Sync + 'a;

/// A file on disk to place in the site, by where it comes from, which decides how.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnDisk<'p> {
    /// A file of the previous site (the output folder being replaced, or serve's own site
    /// folder): hard-linked, since nothing edits a built site's files in place and the previous
    /// site is removed once the build is done; copied where no link can be made (another file
    /// system, or one without hard links).
    Previous(&'p Path),
    /// A teacher's file in the content folder: always copied, never linked, so that nothing done
    /// to the site's file (an editor, a deploy tool) can change the teacher's.
    Content(&'p Path),
}
