//! STUB: the renderers issue implements this method.

use super::{common, script::ShScript, Artifact, Lang, Rendering, Step, StepKind};
use crate::catalog::Method;
use crate::plan::Plan;

pub fn render(plan: &Plan) -> Rendering {
    let mut s = ShScript::new("stub");
    s.check_addresses(
        plan.interface.as_str(),
        plan.prefix(),
        &plan.all_addresses().collect::<Vec<_>>(),
    );
    Rendering {
        method: Method::Runtime,
        steps: vec![
            common::assign_step(plan),
            Step::new(
                StepKind::Configure,
                vec![Artifact::commands("stub", "stub", Lang::Sh, "true")],
            ),
            common::linux_verify_step(plan, "stub"),
        ],
        notes: vec![],
        script: Artifact::commands("stub.script", "script", Lang::Sh, s.finish()),
    }
}
