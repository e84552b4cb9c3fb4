//! Text measured with the canvas itself.
//!
//! plotters' default `estimate_text_size` (used to lay out tick labels and boxed labels) measures
//! text in a `<span>` it styles with `setAttribute("style", …)`, which the page's CSP
//! (`style-src 'self'`) blocks and reports as a console error. The page's backend is
//! `CanvasBackend` wrapped in the figure crate's `TextBackend`, measuring with `measureText` on
//! the same context.

use descent_figure::text::{TextBackend, TextEngine};
use plotters_backend::{BackendTextStyle, DrawingBackend, DrawingErrorKind};
use plotters_canvas::CanvasBackend;
use web_sys::CanvasRenderingContext2d;

/// `CanvasBackend`, with text measured by the canvas.
pub type MeasuredCanvas = TextBackend<CanvasBackend, CanvasText>;

/// Measures text with a canvas context.
pub struct CanvasText(pub CanvasRenderingContext2d);

/// Wraps a backend drawing on `ctx`'s canvas.
pub fn measured(inner: CanvasBackend, ctx: CanvasRenderingContext2d) -> MeasuredCanvas {
    TextBackend {
        inner,
        text: CanvasText(ctx),
    }
}

impl TextEngine<CanvasBackend> for CanvasText {
    fn measure<S: BackendTextStyle>(
        &self,
        _inner: &CanvasBackend,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<<CanvasBackend as DrawingBackend>::ErrorType>> {
        let ctx = &self.0;
        // The same font string CanvasBackend::draw_text sets.
        ctx.save();
        ctx.set_font(&format!(
            "{} {}px {}",
            style.style().as_str(),
            style.size(),
            style.family().as_str()
        ));
        let width = ctx.measure_text(text).map(|m| m.width()).unwrap_or(0.0);
        ctx.restore();
        Ok((
            width.ceil().max(0.0) as u32,
            style.size().ceil().max(0.0) as u32,
        ))
    }
}
