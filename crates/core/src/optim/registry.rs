//! What one line of the optimizer registry expands to: the `optimizers!` macro.
//!
//! The list itself is in `optim/mod.rs`, one entry per optimizer: its variant and
//! hyperparameters with their defaults, its settings name, the torch call it reproduces, a
//! starting learning rate, the state it carries, the call of its family's `update`, its
//! stable learning rates on a local quadratic (`band:`) and the formula template that the family's file declares beside it. From
//! that list this macro writes every place that used to name each optimizer by hand:
//!
//! - [`OptimizerKind`](super::OptimizerKind) and [`Optimizer`](super::Optimizer), whose
//!   variants' fields are the hyperparameters (`f64`, documented in the entry);
//! - [`REGISTRY`](super::REGISTRY), whose `keys` are the fields in order;
//! - `Optimizer::band`, from each entry's `band:` expression;
//! - `Optimizer::kind`, the hyperparameter storage `slot`, and the rule dispatch `rule` and
//!   `with_rule` (a type per rule, so that a run's loop is compiled once per optimizer).
//!
//! Each `update:` call is written with the parameter names that the list's first line
//! declares, so that the call reads as ordinary code at the place it is listed.

/// Declares every optimizer from its registry entry (see the module's documentation).
macro_rules! optimizers {
    (
        update($state:ident, $theta:ident, $g:ident, $lr:ident, $hess:ident, $obs:ident);
        band($lambda1:ident);
        $(
            $(#[$doc:meta])*
            $variant:ident $({ $( $(#[$field_doc:meta])* $field:ident = $default:expr ),* $(,)? })? => {
                name: $name:literal,
                torch: $torch:literal,
                lr: $default_lr:expr,
                state: $carries:expr,
                update: $rule:expr,
                band: $band:expr,
                formula: $formula:expr $(,)?
            }
        ),* $(,)?
    ) => {
        /// Which optimizer, without its hyperparameters: what `opt=` names.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum OptimizerKind {
            $(
                #[doc = concat!("`", $name, "`")]
                $variant,
            )*
        }

        /// Which update rule, with its hyperparameters (lr is NOT here; it comes from the
        /// schedule per step).
        #[derive(Clone, Copy, Debug, PartialEq)]
        pub enum Optimizer {
            $(
                $(#[$doc])*
                $variant $({ $( $(#[$field_doc])* $field: f64, )* })?,
            )*
        }

        /// Every optimizer, in menu order: one line each, from the list in `optim/mod.rs`.
        pub const REGISTRY: &[Entry] = &[
            $(
                Entry {
                    kind: OptimizerKind::$variant,
                    name: $name,
                    torch: $torch,
                    default: Optimizer::$variant $({ $( $field: $default, )* })?,
                    default_lr: $default_lr,
                    keys: &[$($( stringify!($field), )*)?],
                    state: $carries,
                    formula: $formula,
                },
            )*
        ];

        impl Optimizer {
            /// Which optimizer this is.
            pub fn kind(&self) -> OptimizerKind {
                match self {
                    $( Optimizer::$variant { .. } => OptimizerKind::$variant, )*
                }
            }

            /// The storage of hyperparameter `key`, if this optimizer has it.
            fn slot(&mut self, key: &str) -> Option<&mut f64> {
                match self {
                    $(
                        #[allow(unused_variables)]
                        Optimizer::$variant $({ $( $field, )* })? => {
                            $($(
                                if key == stringify!($field) {
                                    return Some($field);
                                }
                            )*)?
                            None
                        }
                    )*
                }
            }

            /// Hands `with` this optimizer's first-order rule as a type of its own, so that a
            /// loop over many steps is compiled once per optimizer with no dispatch inside
            /// it. The rule passes no Hessian: a caller takes Newton
            /// ([`Optimizer::needs_hessian`]) step by step instead (its arm is here only to
            /// keep the match whole).
            pub(crate) fn with_rule<W: WithRule>(&self, with: W) -> W::Output {
                match *self {
                    $(
                        Optimizer::$variant { .. } => {
                            #[derive(Clone, Copy)]
                            struct This;
                            impl Rule for This {
                                // Inlined by force, also into the loop's FMA build.
                                #[inline(always)]
                                fn apply(
                                    self,
                                    opt: Optimizer,
                                    state: &mut OptState,
                                    theta: Point,
                                    grad: Point,
                                    lr: f64,
                                ) -> Point {
                                    match opt {
                                        Optimizer::$variant $({ $( $field, )* })? => {
                                            Optimizer::$variant $({ $( $field, )* })?
                                                .rule(state, theta, grad, lr, None, &mut Silent)
                                        }
                                        #[allow(unreachable_patterns)]
                                        _ => unreachable!("with_rule pairs each optimizer with its own rule"),
                                    }
                                }
                            }
                            with.call(*self, This)
                        }
                    )*
                }
            }

            /// The learning rates for which this rule is stable on a quadratic whose largest
            /// curvature is `lambda1` (the Hessian's λ₁ at the shown point): each arm is the
            /// registry entry's `band:` expression.
            #[allow(unused_variables)]
            pub fn band(&self, $lambda1: f64) -> Band {
                match *self {
                    $( Optimizer::$variant $({ $( $field, )* })? => $band, )*
                }
            }

            /// The update rule alone: [`Optimizer::update`] without filling
            /// `state.last_step` and `state.effective_lr`, which a run fills once after its
            /// last step ([`describe_step`]) instead of at every step. Each arm is the
            /// registry entry's `update:` call of its family's `update`.
            #[inline(always)]
            #[allow(unused_variables)]
            pub(crate) fn rule(
                &self,
                $state: &mut OptState,
                $theta: Point,
                $g: Point,
                $lr: f64,
                $hess: Option<Hessian>,
                $obs: &mut impl Observer,
            ) -> Point {
                $state.t += 1;
                match *self {
                    $( Optimizer::$variant $({ $( $field, )* })? => $rule, )*
                }
            }
        }
    };
}
