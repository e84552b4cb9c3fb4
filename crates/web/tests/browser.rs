//! Browser tests of the web crate, run in headless Chromium by `cargo xtask test`.
#![cfg(target_arch = "wasm32")]

use descent_web::Playground;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

wasm_bindgen_test_configure!(run_in_browser);

fn canvas(id: &str, w: u32, h: u32) -> (HtmlCanvasElement, CanvasRenderingContext2d) {
    let document = web_sys::window().unwrap().document().unwrap();
    let canvas: HtmlCanvasElement = document
        .create_element("canvas")
        .unwrap()
        .dyn_into()
        .unwrap();
    canvas.set_id(id);
    canvas.set_width(w);
    canvas.set_height(h);
    document.body().unwrap().append_child(&canvas).unwrap();
    let ctx = canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    (canvas, ctx)
}

#[wasm_bindgen_test]
fn render_base_paints_every_pixel() {
    let (_, ctx) = canvas("test-canvas", 200, 150);
    Playground::new("")
        .render_base(&ctx, 200, 150, 1.0, false)
        .unwrap();
    let pixels = ctx.get_image_data(0.0, 0.0, 200.0, 150.0).unwrap().data();
    assert_eq!(pixels.len(), 200 * 150 * 4);
    assert!(
        pixels.chunks(4).all(|p| p[3] == 255),
        "a pixel was left transparent"
    );
}

#[wasm_bindgen_test]
fn base_overlay_and_loss_draw() {
    let (_, base) = canvas("base", 400, 300);
    let (_, over) = canvas("over", 400, 300);
    let (_, loss) = canvas("loss", 300, 150);
    let mut pg = Playground::new("f=rosenbrock&lr=1e-3&steps=50");
    pg.render_base(&base, 400, 300, 1.0, true).unwrap();
    // The plot's centre is a heatmap colour (opaque, not the white margin).
    let px = base.get_image_data(200.0, 150.0, 1.0, 1.0).unwrap().data();
    assert_eq!(px[3], 255);
    assert_ne!(&px[..3], &[255, 255, 255]);
    pg.run_to_end();
    pg.render_overlay(&over, 400, 300, 1.0, 1e9).unwrap();
    assert!(pg.render_loss(&loss, 300, 150, 1.0, 1e9, true).unwrap());
    // A click in the plot maps to θ; one in the margin does not.
    assert!(pg.to_data(200.0, 150.0).unwrap().is_object());
    assert!(pg.to_data(2.0, 2.0).unwrap().is_undefined());
    assert!(pg.point(1e9).is_err());
}
