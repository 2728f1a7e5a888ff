#ifndef CONCORD_TOOLS_CAIRO_LOADER_H_
#define CONCORD_TOOLS_CAIRO_LOADER_H_

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>

#include <string>

// cairo, loaded when the first chart is drawn rather than when a program
// starts: linking it would load it and the dozen libraries it needs (X11,
// fontconfig, freetype, ...) on every concord-search call, some 6 ms of a
// start-up of 16, for the few calls that draw. The headers give the types;
// the functions are these pointers, set by LoadCairo: cairo::move_to(cr, x, y).
// clang-format off
#define CONCORD_CAIRO_FUNCTIONS(X) \
  X(arc) X(create) X(destroy) X(fill) X(fill_preserve) X(font_extents) \
  X(image_surface_create) X(line_to) X(move_to) X(new_path) X(new_sub_path) X(paint) \
  X(pdf_surface_create_for_stream) X(rectangle) X(restore) X(rotate) X(save) \
  X(select_font_face) X(set_font_size) X(set_line_cap) X(set_line_join) X(set_line_width) \
  X(set_source_rgb) X(show_text) X(status) X(status_to_string) X(stroke) \
  X(surface_destroy) X(surface_finish) X(surface_status) X(surface_write_to_png_stream) \
  X(svg_surface_create_for_stream) X(svg_surface_set_document_unit) X(text_extents) \
  X(translate)
// clang-format on

namespace concord::cli::cairo {

#define CONCORD_CAIRO_DECLARE(name) extern decltype(&::cairo_##name) name;
CONCORD_CAIRO_FUNCTIONS(CONCORD_CAIRO_DECLARE)
#undef CONCORD_CAIRO_DECLARE

// Loads libcairo.so.2 and every function above, once per process; later
// calls return the first call's answer. False with *error (naming the
// library or the missing function) when it cannot: the pointers are then
// not to be called.
bool LoadCairo(std::string* error);

}  // namespace concord::cli::cairo

#endif  // CONCORD_TOOLS_CAIRO_LOADER_H_
