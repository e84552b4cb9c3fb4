//! Browser tests of the web crate, run in headless Chromium by `cargo xtask test`.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn hello_paints_every_pixel() {
    let document = web_sys::window().unwrap().document().unwrap();
    let canvas: HtmlCanvasElement = document
        .create_element("canvas")
        .unwrap()
        .dyn_into()
        .unwrap();
    canvas.set_id("test-canvas");
    canvas.set_width(64);
    canvas.set_height(32);
    document.body().unwrap().append_child(&canvas).unwrap();

    descent_web::hello("test-canvas").unwrap();

    let ctx: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let pixels = ctx.get_image_data(0.0, 0.0, 64.0, 32.0).unwrap().data();
    assert_eq!(pixels.len(), 64 * 32 * 4);
    assert!(
        pixels.chunks(4).all(|p| p[3] == 255),
        "a pixel was left transparent"
    );
}

#[wasm_bindgen_test]
fn hello_names_a_missing_canvas() {
    assert!(descent_web::hello("no-such-canvas").is_err());
}
