//! Which material a build shows: decided once here, so that templates and search receive only
//! what the edition allows.

/// Which material a build includes. The learner edition is the default, so that a centre that
/// publishes what `build` makes never publishes its marking guidance by accident.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Edition {
    /// Leaves out every section meant for teachers.
    #[default]
    Learner,
    /// Everything, teacher-facing material included, each page marked as the teacher edition.
    Teacher,
}

impl Edition {
    /// Whether material meant for teachers (delivery guidance, assessment guidance) is shown.
    pub fn shows_teacher_material(self) -> bool {
        self == Edition::Teacher
    }
}
