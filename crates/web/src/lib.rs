//! Placeholder browser entry point: proves the Rust → wasm → canvas pipeline end to end.
//!
//! `hello` fills a canvas with a gradient through one `ImageData` blit (the fast path the
//! heatmap will use) and draws a caption and a line on top with plotters-canvas (the path
//! the overlay will use). The real `Playground` handle replaces this.

use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::{prelude::*, Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};

/// Installs the panic hook so that Rust panics show up in the browser console.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// Draws a test picture on the canvas whose element id is `canvas_id`.
#[wasm_bindgen]
pub fn hello(canvas_id: &str) -> Result<(), JsError> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsError::new("no document: `hello` must run in a browser page"))?;
    let canvas: HtmlCanvasElement = document
        .get_element_by_id(canvas_id)
        .ok_or_else(|| JsError::new(&format!("no element with id `{canvas_id}`")))?
        .dyn_into()
        .map_err(|_| JsError::new(&format!("element `{canvas_id}` is not a <canvas>")))?;
    let (width, height) = (canvas.width(), canvas.height());
    let ctx: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .map_err(|_| JsError::new("getContext(\"2d\") threw"))?
        .ok_or_else(|| JsError::new("the canvas has no 2d context"))?
        .dyn_into()
        .map_err(|_| JsError::new("getContext(\"2d\") returned something else"))?;

    let pixels = gradient(width, height);
    let image = ImageData::new_with_u8_clamped_array_and_sh(Clamped(&pixels), width, height)
        .map_err(|_| JsError::new("could not create ImageData"))?;
    ctx.put_image_data(&image, 0.0, 0.0)
        .map_err(|_| JsError::new("putImageData failed"))?;

    let backend = CanvasBackend::with_canvas_object(canvas)
        .ok_or_else(|| JsError::new("plotters could not use the canvas"))?;
    let root = backend.into_drawing_area();
    let w = f64::from(width);
    let h = f64::from(height);
    let curve = (0..=100).map(|i| {
        let t = f64::from(i) / 100.0;
        let x = (t * w) as i32;
        let y = (h * (0.2 + 0.6 * (1.0 - (2.0 * t - 1.0).powi(2)))) as i32;
        (x, y)
    });
    root.draw(&PathElement::new(
        curve.collect::<Vec<_>>(),
        WHITE.stroke_width(3),
    ))
    .map_err(|e| JsError::new(&e.to_string()))?;
    root.draw(&Text::new(
        "Descent",
        (12, 12),
        ("sans-serif", 24).into_font().color(&WHITE),
    ))
    .map_err(|e| JsError::new(&e.to_string()))?;
    root.present().map_err(|e| JsError::new(&e.to_string()))?;
    Ok(())
}

/// RGBA bytes of a `width × height` diagonal gradient, row by row.
pub fn gradient(width: u32, height: u32) -> Vec<u8> {
    let mut out = Vec::with_capacity(width as usize * height as usize * 4);
    for y in 0..height {
        for x in 0..width {
            let u = x * 255 / width.max(1);
            let v = y * 255 / height.max(1);
            out.extend_from_slice(&[u as u8, v as u8, (255 - (u + v) / 2) as u8, 255]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::gradient;

    #[test]
    fn gradient_is_opaque_and_sized() {
        let px = gradient(4, 3);
        assert_eq!(px.len(), 4 * 3 * 4);
        assert!(px.chunks(4).all(|p| p[3] == 255));
        assert_eq!(&px[..4], &[0, 0, 255, 255]);
    }
}
