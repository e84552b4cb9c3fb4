//! The compiler's half of the parser: appending instructions, folding constant operands into one constant by the interpreter itself, and choosing the constant-power forms.

use super::interpret::exec;
use super::parser::Parser;
use super::program::Op;

impl Parser {
    /// Appends `op`, folding it into a constant when all its operands are constants.
    ///
    /// In postfix the last instruction is the root of the top operand, so a trailing `Const` is a
    /// whole operand; folding runs the same `exec` as evaluation, so results are identical.
    pub(super) fn emit(&mut self, op: Op) {
        let n = self.code.len();
        let folded = match op {
            Op::Const(_) | Op::X | Op::Y => None,
            Op::Neg | Op::PowConst(_) | Op::Square | Op::Func(_) => match self.code.last() {
                Some(&Op::Const(a)) => {
                    Some((1, exec::<f64>(&[Op::Const(a), op], [0.0; 2], &mut [0.0; 2])))
                }
                _ => None,
            },
            Op::Add | Op::Sub | Op::Mul | Op::Div | Op::Pow => {
                match self.code.get(n.wrapping_sub(2)..) {
                    Some(&[Op::Const(a), Op::Const(b)]) => Some((
                        2,
                        exec::<f64>(&[Op::Const(a), Op::Const(b), op], [0.0; 2], &mut [0.0; 2]),
                    )),
                    _ => None,
                }
            }
        };
        match folded {
            Some((operands, v)) => {
                self.code.truncate(n - operands);
                self.code.push(Op::Const(v));
            }
            None => self.code.push(op),
        }
    }

    /// Emits `^`, choosing the constant-exponent form when the exponent folded to a number.
    pub(super) fn emit_pow(&mut self) {
        let n = self.code.len();
        let base_is_const = n >= 2 && matches!(self.code[n - 2], Op::Const(_));
        match self.code.last() {
            Some(&Op::Const(c)) if !base_is_const => {
                self.code.pop();
                self.emit(if c == 2.0 {
                    Op::Square
                } else {
                    Op::PowConst(c)
                });
            }
            _ => self.emit(Op::Pow),
        }
    }
}
