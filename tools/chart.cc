#include "tools/chart.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <numeric>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "corpus/date_extract.h"
#include "tools/cairo_loader.h"
#include "tools/output_format.h"

namespace concord::cli {
namespace {

constexpr int kMinSide = 200;
constexpr int kMaxSide = 4000;
constexpr std::size_t kMaxCategories = 30;
constexpr std::size_t kMaxLegendRows = 3;
constexpr std::size_t kNoFigure = static_cast<std::size_t>(-1);
constexpr const char* kEllipsis = "\u2026";
constexpr double kPi = 3.14159265358979323846;

// Sizes in pixels of a 960×540 chart; Canvas::Px scales them.
constexpr double kMargin = 16, kTitleSize = 18, kLegendSize = 13, kTickSize = 12,
                 kAxisTitleSize = 13, kNoteSize = 11, kNoDataSize = 16;

constexpr std::uint32_t kWhite = 0xFFFFFF, kInk = 0x222222, kMuted = 0x555555, kGrid = 0xE2E2E2,
                        kAxis = 0x8C8C8C, kNote = 0x777777;

// Okabe–Ito, told apart with the common colour-vision deficiencies. Its
// yellow is left out: a thin yellow line all but vanishes on white.
constexpr std::uint32_t kPalette[] = {0x0072B2, 0xD55E00, 0x009E73, 0xCC79A7,
                                      0xE69F00, 0x56B4E9, 0x000000};

struct SurfaceDestroyer {
  void operator()(cairo_surface_t* surface) const { cairo::surface_destroy(surface); }
};
struct ContextDestroyer {
  void operator()(cairo_t* cr) const { cairo::destroy(cr); }
};
using SurfacePtr = std::unique_ptr<cairo_surface_t, SurfaceDestroyer>;
using ContextPtr = std::unique_ptr<cairo_t, ContextDestroyer>;

// Where to draw: a cairo context of width × height units, and how much to
// enlarge fonts and strokes so a big chart reads like a 960×540 one.
struct Canvas {
  cairo_t* cr;
  double width, height, scale;
  double Px(double pixels) const { return pixels * scale; }
};

struct Rect {
  double x = 0, y = 0, w = 0, h = 0;
  double right() const { return x + w; }
  double bottom() const { return y + h; }
};

struct FontMetrics {
  double ascent, descent, height;
};

enum class Align { kLeft, kCenter, kRight };

void SetColour(cairo_t* cr, std::uint32_t rgb) {
  cairo::set_source_rgb(cr, ((rgb >> 16) & 0xFF) / 255.0, ((rgb >> 8) & 0xFF) / 255.0,
                        (rgb & 0xFF) / 255.0);
}

std::uint32_t FigureColour(std::size_t figure) {
  return kPalette[figure % (sizeof kPalette / sizeof kPalette[0])];
}

// Selects the font for what follows and returns its metrics. The toy API
// with a generic family lets fontconfig find glyphs for any script.
FontMetrics UseFont(const Canvas& c, double size, bool bold = false) {
  cairo::select_font_face(c.cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL,
                          bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo::set_font_size(c.cr, c.Px(size));
  cairo_font_extents_t e;
  cairo::font_extents(c.cr, &e);
  return {e.ascent, e.descent, e.ascent + e.descent};
}

// REQUIRES: valid UTF-8 (cairo refuses anything else), as TerminalSafe makes.
double TextWidth(cairo_t* cr, const std::string& text) {
  cairo_text_extents_t e;
  cairo::text_extents(cr, text.c_str(), &e);
  return e.x_advance;
}

void DrawText(cairo_t* cr, const std::string& text, double x, double baseline, Align align) {
  const double width = align == Align::kLeft ? 0 : TextWidth(cr, text);
  cairo::move_to(cr,
                 align == Align::kCenter  ? x - width / 2
                 : align == Align::kRight ? x - width
                                          : x,
                 baseline);
  cairo::show_text(cr, text.c_str());
}

// `text` cut at a code point and ended with "…" so it is at most
// max_width wide ("" if not even "…" fits).
std::string Fit(cairo_t* cr, const std::string& text, double max_width) {
  if (TextWidth(cr, text) <= max_width) return text;
  if (TextWidth(cr, kEllipsis) > max_width) return "";
  std::vector<std::size_t> cuts;  // code point boundaries; text is not empty
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) cuts.push_back(i);
  }
  std::size_t lo = 0, hi = cuts.size() - 1;
  while (lo < hi) {
    const std::size_t mid = (lo + hi + 1) / 2;
    if (TextWidth(cr, text.substr(0, cuts[mid]) + kEllipsis) <= max_width) {
      lo = mid;
    } else {
      hi = mid - 1;
    }
  }
  std::string kept = text.substr(0, cuts[lo]);
  while (!kept.empty() && kept.back() == ' ') kept.pop_back();
  return kept + kEllipsis;
}

// A rate of a bucket without documents is no value (NaN): a gap in a line,
// no bar, never a dip to zero.
double MetricValue(const CountTableRow& row, std::size_t figure, ChartMetric metric) {
  const FigureCount count = figure < row.figures.size() ? row.figures[figure] : FigureCount{};
  const double in_scope = static_cast<double>(row.documents_in_scope);
  const bool rate = metric == ChartMetric::kPerThousand || metric == ChartMetric::kShare;
  if (rate && in_scope == 0) return std::nan("");
  switch (metric) {
    case ChartMetric::kMentions:
      return static_cast<double>(count.mentions);
    case ChartMetric::kPerThousand:
      return PerThousandDocuments(count.mentions, row.documents_in_scope);
    case ChartMetric::kDocuments:
      return static_cast<double>(count.documents);
    case ChartMetric::kShare:
      return static_cast<double>(count.documents) / in_scope;
  }
  return 0.0;
}

const char* MetricLabel(ChartMetric metric) {
  switch (metric) {
    case ChartMetric::kMentions:
      return "mentions";
    case ChartMetric::kPerThousand:
      return "mentions per 1,000 documents";
    case ChartMetric::kDocuments:
      return "documents mentioning";
    case ChartMetric::kShare:
      return "share of documents";
  }
  return "";
}

bool CountsWholeThings(ChartMetric metric) {
  return metric == ChartMetric::kMentions || metric == ChartMetric::kDocuments;
}

// The dated x axis counts in day numbers (corpus/date_extract.h).
struct Date {
  int year, month, day;
};

using corpus::DayNumber;
using corpus::DaysInMonth;

Date DateOf(long n) {
  Date date{};
  corpus::DateOfDayNumber(n, &date.year, &date.month, &date.day);
  return date;
}

long FloorMod(long a, long b) { return ((a % b) + b) % b; }

bool ParseDigits(const std::string& s, std::size_t pos, std::size_t n, int* out) {
  *out = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    *out = *out * 10 + (s[i] - '0');
  }
  return true;
}

// "YYYY-MM-DD" (date, week: its Monday) or "YYYY-MM" (month: its first day).
bool ParseDateKey(const std::string& key, long* day_number) {
  if (key.size() != 7 && key.size() != 10) return false;
  int y = 0, m = 0, d = 1;
  if (!ParseDigits(key, 0, 4, &y) || key[4] != '-' || !ParseDigits(key, 5, 2, &m)) return false;
  if (key.size() == 10 && (key[7] != '-' || !ParseDigits(key, 8, 2, &d))) return false;
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, m)) return false;
  *day_number = DayNumber(y, m, d);
  return true;
}

bool IsTimeBucket(const std::string& by_name) {
  return by_name == "date" || by_name == "week" || by_name == "month";
}

// What the plot shows: values[figure][point], points in x order.
struct Series {
  std::vector<long> days;               // time charts: each point's day number
  std::vector<std::string> categories;  // bar charts: each point's label
  std::vector<std::vector<double>> values;
  std::size_t left_out = 0;  // rows not shown (undated, or beyond the categories)
};

bool HasCounts(const CountTableRow& row) {
  return std::any_of(row.figures.begin(), row.figures.end(),
                     [](const FigureCount& f) { return f.mentions > 0 || f.documents > 0; });
}

Series TimeSeries(const CountTable& table, ChartMetric metric) {
  std::vector<std::pair<long, std::size_t>> dated;  // day number, row
  Series s;
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    long day = 0;
    if (ParseDateKey(table.rows[r].key, &day)) {
      dated.emplace_back(day, r);
    } else if (HasCounts(table.rows[r])) {
      ++s.left_out;
    }
  }
  std::sort(dated.begin(), dated.end());
  s.values.resize(table.figures.size());
  for (const auto& [day, r] : dated) {
    s.days.push_back(day);
    for (std::size_t f = 0; f < table.figures.size(); ++f) {
      s.values[f].push_back(MetricValue(table.rows[r], f, metric));
    }
  }
  return s;
}

// The `max_categories` rows with the largest totals, largest first.
Series CategorySeries(const CountTable& table, ChartMetric metric, std::size_t max_categories) {
  const std::size_t figures = table.figures.size();
  std::vector<double> totals(table.rows.size(), 0.0);
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    for (std::size_t f = 0; f < figures; ++f) {
      const double v = MetricValue(table.rows[r], f, metric);
      if (!std::isnan(v)) totals[r] += v;  // NaN would break the sort's order
    }
  }
  std::vector<std::size_t> order(table.rows.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return totals[a] > totals[b]; });
  Series s;
  const std::size_t shown = std::min(order.size(), max_categories);
  s.left_out = order.size() - shown;
  s.values.resize(figures);
  for (std::size_t i = 0; i < shown; ++i) {
    const CountTableRow& row = table.rows[order[i]];
    s.categories.push_back(row.key.empty() ? "(none)" : TerminalSafe(row.key));
    for (std::size_t f = 0; f < figures; ++f) s.values[f].push_back(MetricValue(row, f, metric));
  }
  return s;
}

double MaxValue(const Series& s) {
  double max = 0;
  for (const auto& figure : s.values) {
    for (double v : figure) {
      if (!std::isnan(v)) max = std::max(max, v);
    }
  }
  return max;
}

// The y axis runs from 0 to `top` in ticks of `step` (1, 2 or 5 times a
// power of ten).
struct YAxis {
  double top = 1, step = 1;
  ChartMetric metric = ChartMetric::kMentions;
  int ticks() const { return static_cast<int>(std::lround(top / step)); }
  double At(const Rect& plot, double v) const { return plot.bottom() - v / top * plot.h; }
};

double NiceStep(double raw) {
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  const double f = raw / magnitude;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * magnitude;
}

YAxis ChooseYAxis(double max_value, ChartMetric metric, double plot_height, double font_height) {
  const int target = std::clamp(static_cast<int>(plot_height / (font_height * 3.5)), 2, 8);
  if (!(max_value > 0)) max_value = 1;
  double step = NiceStep(max_value / target);
  if (CountsWholeThings(metric)) step = std::max(step, 1.0);
  return {std::ceil(max_value / step - 1e-9) * step, step, metric};
}

// "1,250", "0.5", "40%".
std::string FormatTick(double v, double step, ChartMetric metric) {
  const bool percent = metric == ChartMetric::kShare;
  if (percent) v *= 100, step *= 100;
  int decimals = 0;
  for (double s = step; s < 0.999 && decimals < 6; s *= 10) ++decimals;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  std::string digits = buf;
  std::size_t end = digits.find('.');
  if (end == std::string::npos) end = digits.size();
  for (std::size_t i = end; i > 3; i -= 3) digits.insert(i - 3, ",");
  return percent ? digits + "%" : digits;
}

double YAxisWidth(const Canvas& c, const YAxis& y) {
  UseFont(c, kTickSize);
  double labels = 0;
  for (int k = 0; k <= y.ticks(); ++k) {
    labels = std::max(labels, TextWidth(c.cr, FormatTick(k * y.step, y.step, y.metric)));
  }
  return c.Px(kMargin) + UseFont(c, kAxisTitleSize).height + c.Px(10) + labels + c.Px(8);
}

// A 1-unit line on a pixel boundary stays sharp in PNG.
double Crisp(double v) { return std::floor(v) + 0.5; }

void HorizontalLine(cairo_t* cr, double x0, double x1, double y, std::uint32_t colour) {
  SetColour(cr, colour);
  cairo::set_line_width(cr, 1);
  cairo::move_to(cr, x0, Crisp(y));
  cairo::line_to(cr, x1, Crisp(y));
  cairo::stroke(cr);
}

void DrawYAxis(const Canvas& c, const Rect& plot, const YAxis& y) {
  const FontMetrics font = UseFont(c, kTickSize);
  for (int k = 0; k <= y.ticks(); ++k) {
    const double py = y.At(plot, k * y.step);
    if (k > 0) HorizontalLine(c.cr, plot.x, plot.right(), py, kGrid);
    SetColour(c.cr, kMuted);
    DrawText(c.cr, FormatTick(k * y.step, y.step, y.metric), plot.x - c.Px(8),
             py + (font.ascent - font.descent) / 2, Align::kRight);
  }
  const FontMetrics title = UseFont(c, kAxisTitleSize);
  SetColour(c.cr, kInk);
  cairo::save(c.cr);
  cairo::translate(c.cr, c.Px(kMargin) + title.ascent, plot.y + plot.h / 2);
  cairo::rotate(c.cr, -kPi / 2);
  DrawText(c.cr, Fit(c.cr, MetricLabel(y.metric), plot.h), 0, 0, Align::kCenter);
  cairo::restore(c.cr);
}

// The x axis title centred under the plot and, in the bottom right corner,
// a note on what was left out.
void DrawXAxisTitle(const Canvas& c, const Rect& plot, const std::string& title,
                    const std::string& note) {
  double note_left = c.width;
  if (!note.empty()) {
    const FontMetrics font = UseFont(c, kNoteSize);
    SetColour(c.cr, kNote);
    note_left = c.width - c.Px(kMargin) - TextWidth(c.cr, note);
    DrawText(c.cr, note, note_left, c.height - c.Px(kMargin) - font.descent, Align::kLeft);
  }
  const FontMetrics font = UseFont(c, kAxisTitleSize);
  const std::string text = Fit(c.cr, TerminalSafe(title), plot.w);
  const double width = TextWidth(c.cr, text);
  double left = plot.x + (plot.w - width) / 2;
  left = std::max(c.Px(4), std::min(left, note_left - c.Px(12) - width));
  SetColour(c.cr, kInk);
  DrawText(c.cr, text, left, c.height - c.Px(kMargin) - font.descent, Align::kLeft);
}

double XAxisTitleHeight(const Canvas& c) {
  return c.Px(10) + UseFont(c, kAxisTitleSize).height + c.Px(kMargin);
}

// Tick rules for a dated axis, finest first: every day ... every 1000 years.
enum class TickUnit { kDay, kMonth, kYear };
struct TickRule {
  TickUnit unit;
  int step;
  long MinDays() const {
    return unit == TickUnit::kDay ? step : unit == TickUnit::kMonth ? 28L * step : 365L * step;
  }
};
constexpr TickRule kTickRules[] = {
    {TickUnit::kDay, 1},    {TickUnit::kDay, 2},    {TickUnit::kDay, 7},    {TickUnit::kDay, 14},
    {TickUnit::kMonth, 1},  {TickUnit::kMonth, 2},  {TickUnit::kMonth, 3},  {TickUnit::kMonth, 6},
    {TickUnit::kYear, 1},   {TickUnit::kYear, 2},   {TickUnit::kYear, 5},   {TickUnit::kYear, 10},
    {TickUnit::kYear, 20},  {TickUnit::kYear, 50},  {TickUnit::kYear, 100}, {TickUnit::kYear, 200},
    {TickUnit::kYear, 500}, {TickUnit::kYear, 1000}};

constexpr const char* kMonthNames[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// A tick of a dated axis: "12 May", "May" or "2025", and the year on a
// second line where it changes ("" elsewhere).
struct TimeTick {
  long day;
  std::string label, year;
};

// Ticks on bucket boundaries: weekly ticks fall on Mondays and a monthly
// chart never gets ticks between its months.
std::size_t FirstRuleFor(const std::string& by_name) {
  if (by_name == "week") return 2;
  if (by_name == "month") return 4;
  return 0;
}

long BucketDays(const std::string& by_name) {
  return by_name == "week" ? 7 : by_name == "month" ? 31 : 1;
}

void AddYearLines(std::vector<TimeTick>* ticks) {
  int previous = 0;
  for (TimeTick& t : *ticks) {
    const int year = DateOf(t.day).year;
    if (year != previous) t.year = std::to_string(year);
    previous = year;
  }
}

std::vector<TimeTick> TicksFor(TickRule rule, long lo, long hi) {
  std::vector<TimeTick> ticks;
  if (rule.unit == TickUnit::kDay) {
    const long monday = DayNumber(2001, 1, 1);
    for (long d = lo + FloorMod(monday - lo, rule.step); d <= hi; d += rule.step) {
      const Date date = DateOf(d);
      ticks.push_back({d, std::to_string(date.day) + " " + kMonthNames[date.month - 1], ""});
    }
  } else {
    const Date first = DateOf(lo);
    for (long m = first.year * 12L + first.month - 1;; ++m) {
      const int year = static_cast<int>(m / 12), month = static_cast<int>(m % 12) + 1;
      const long d = DayNumber(year, month, 1);
      if (d > hi) break;
      if (d < lo) continue;
      if (rule.unit == TickUnit::kMonth && m % rule.step == 0) {
        ticks.push_back({d, kMonthNames[month - 1], ""});
      } else if (rule.unit == TickUnit::kYear && month == 1 && year % rule.step == 0) {
        ticks.push_back({d, std::to_string(year), ""});
      }
    }
  }
  if (rule.unit != TickUnit::kYear) AddYearLines(&ticks);
  return ticks;
}

// Dates mapped onto [left, right], inset from the plot's edges so markers
// at the ends stay clear of the axis.
struct TimeAxis {
  long lo = 0, hi = 0;
  double left = 0, right = 0;
  std::vector<TimeTick> ticks;
  double At(long day) const {
    return left + static_cast<double>(day - lo) / (hi - lo) * (right - left);
  }
  bool has_years() const {
    return std::any_of(ticks.begin(), ticks.end(),
                       [](const TimeTick& t) { return !t.year.empty(); });
  }
};

double WidestLabel(cairo_t* cr, const std::vector<TimeTick>& ticks) {
  double widest = 0;
  for (const TimeTick& t : ticks) widest = std::max(widest, TextWidth(cr, t.label));
  return widest;
}

// The finest tick rule whose labels do not crowd each other.
TimeAxis ChooseTimeAxis(const Canvas& c, const Series& s, const std::string& by_name,
                        const Rect& plot) {
  TimeAxis axis;
  axis.lo = s.days.front(), axis.hi = s.days.back();
  if (axis.lo == axis.hi) axis.lo -= BucketDays(by_name), axis.hi += BucketDays(by_name);
  axis.left = plot.x + c.Px(10), axis.right = plot.right() - c.Px(10);
  const double px_per_day = (axis.right - axis.left) / (axis.hi - axis.lo);
  UseFont(c, kTickSize);
  const std::size_t count = sizeof kTickRules / sizeof kTickRules[0];
  for (std::size_t i = FirstRuleFor(by_name); i < count; ++i) {
    const double spacing = px_per_day * kTickRules[i].MinDays();
    if (spacing < c.Px(20) && i + 1 < count) continue;
    axis.ticks = TicksFor(kTickRules[i], axis.lo, axis.hi);
    if (spacing >= WidestLabel(c.cr, axis.ticks) + c.Px(24)) break;
  }
  return axis;
}

double TimeAxisHeight(const Canvas& c, const TimeAxis& axis) {
  const double lines = axis.has_years() ? 2 : 1;
  return c.Px(8) + UseFont(c, kTickSize).height * lines + XAxisTitleHeight(c);
}

// One row of tick labels, each centred under its tick but kept on the
// canvas; a label that would touch the one before it is skipped.
void DrawTickRow(const Canvas& c, const TimeAxis& axis, bool years, double baseline) {
  double last_right = -1e9;
  for (const TimeTick& t : axis.ticks) {
    const std::string& text = years ? t.year : t.label;
    if (text.empty()) continue;
    const double width = TextWidth(c.cr, text);
    double left = std::clamp(axis.At(t.day) - width / 2, c.Px(4), c.width - c.Px(4) - width);
    if (left < last_right + c.Px(6)) continue;
    DrawText(c.cr, text, left, baseline, Align::kLeft);
    last_right = left + width;
  }
}

void DrawTimeAxis(const Canvas& c, const Rect& plot, const TimeAxis& axis) {
  SetColour(c.cr, kAxis);
  cairo::set_line_width(c.cr, 1);
  for (const TimeTick& t : axis.ticks) {
    cairo::move_to(c.cr, Crisp(axis.At(t.day)), plot.bottom());
    cairo::line_to(c.cr, Crisp(axis.At(t.day)), plot.bottom() + c.Px(5));
  }
  cairo::stroke(c.cr);
  const FontMetrics font = UseFont(c, kTickSize);
  const double baseline = plot.bottom() + c.Px(8) + font.ascent;
  SetColour(c.cr, kMuted);
  DrawTickRow(c, axis, false, baseline);
  SetColour(c.cr, kInk);
  DrawTickRow(c, axis, true, baseline + font.height);
}

void AddMarker(const Canvas& c, double x, double y) {
  cairo::new_sub_path(c.cr);
  cairo::arc(c.cr, x, y, c.Px(3.2), 0, 2 * kPi);
}

// Fills the markers added since the last paint, ringed with white so they
// stand out where lines cross.
void PaintMarkers(const Canvas& c, std::uint32_t colour) {
  SetColour(c.cr, colour);
  cairo::fill_preserve(c.cr);
  SetColour(c.cr, kWhite);
  cairo::set_line_width(c.cr, c.Px(1));
  cairo::stroke(c.cr);
}

bool WantsMarkers(const Canvas& c, const TimeAxis& axis, std::size_t points) {
  return points <= 60 && (axis.right - axis.left) >= c.Px(14) * (points - 1);
}

void DrawLines(const Canvas& c, const Rect& plot, const TimeAxis& x, const YAxis& y,
               const Series& s, bool markers) {
  cairo::set_line_join(c.cr, CAIRO_LINE_JOIN_ROUND);
  cairo::set_line_cap(c.cr, CAIRO_LINE_CAP_ROUND);
  for (std::size_t f = 0; f < s.values.size(); ++f) {
    cairo::new_path(c.cr);  // text leaves a current point behind
    for (std::size_t i = 0; i < s.days.size(); ++i) {
      if (std::isnan(s.values[f][i])) {
        cairo::new_sub_path(c.cr);  // a gap: the next point starts a new line
        continue;
      }
      cairo::line_to(c.cr, x.At(s.days[i]), y.At(plot, s.values[f][i]));
    }
    SetColour(c.cr, FigureColour(f));
    cairo::set_line_width(c.cr, c.Px(2));
    cairo::stroke(c.cr);
    if (!markers) continue;
    for (std::size_t i = 0; i < s.days.size(); ++i) {
      if (!std::isnan(s.values[f][i])) AddMarker(c, x.At(s.days[i]), y.At(plot, s.values[f][i]));
    }
    PaintMarkers(c, FigureColour(f));
  }
}

void DrawBars(const Canvas& c, const Rect& plot, const YAxis& y, const Series& s) {
  const std::size_t figures = s.values.size();
  const double band = plot.w / s.categories.size();
  const double group = band * (figures == 1 ? 0.6 : 0.8);
  const double bar = group / figures;
  const double gap = bar > c.Px(6) ? c.Px(1) : 0;
  for (std::size_t f = 0; f < figures; ++f) {
    for (std::size_t i = 0; i < s.categories.size(); ++i) {
      const double x = plot.x + i * band + (band - group) / 2 + f * bar;
      if (std::isnan(s.values[f][i])) continue;
      const double top = y.At(plot, s.values[f][i]);
      cairo::rectangle(c.cr, x, top, bar - gap, plot.bottom() - top);
    }
    SetColour(c.cr, FigureColour(f));
    cairo::fill(c.cr);
  }
}

// Category labels under the bars: level when they fit their band, else
// turned 45° or upright, each cut with "…" so it stays on the canvas and in
// the lower part of it.
struct CategoryLabels {
  double angle = 0;  // radians, counter-clockwise
  std::vector<std::string> texts;
  double extent = 0;  // how far below the axis they reach
};

std::size_t MaxCategories(const Canvas& c) {
  const double room = std::max(c.width - c.Px(110), 0.0);
  const double per_label = UseFont(c, kTickSize).height * 1.2;
  return std::clamp<std::size_t>(static_cast<std::size_t>(room / per_label), 1, kMaxCategories);
}

CategoryLabels FitCategoryLabels(const Canvas& c, const std::vector<std::string>& names,
                                 const Rect& plot) {
  const FontMetrics font = UseFont(c, kTickSize);
  const double band = plot.w / names.size();
  double widest = 0;
  for (const std::string& n : names) widest = std::max(widest, TextWidth(c.cr, n));
  CategoryLabels labels;
  labels.extent = font.height;
  if (widest + c.Px(6) <= band || band >= c.Px(110)) {
    for (const std::string& n : names) labels.texts.push_back(Fit(c.cr, n, band - c.Px(6)));
    return labels;
  }
  labels.angle = band * std::sin(kPi / 4) >= font.height * 1.1 ? kPi / 4 : kPi / 2;
  const double sin = std::sin(labels.angle), cos = std::cos(labels.angle);
  const double longest = std::min(c.Px(170), c.height * 0.3 / sin);
  for (std::size_t i = 0; i < names.size(); ++i) {
    double room = longest;
    if (cos > 1e-6) room = std::min(room, (plot.x + (i + 0.5) * band - c.Px(4)) / cos);
    labels.texts.push_back(Fit(c.cr, names[i], room));
    labels.extent =
        std::max(labels.extent, TextWidth(c.cr, labels.texts.back()) * sin + font.height * cos);
  }
  return labels;
}

void DrawCategoryLabels(const Canvas& c, const Rect& plot, const CategoryLabels& labels) {
  const FontMetrics font = UseFont(c, kTickSize);
  const double band = plot.w / labels.texts.size();
  SetColour(c.cr, kMuted);
  for (std::size_t i = 0; i < labels.texts.size(); ++i) {
    const double x = plot.x + (i + 0.5) * band;
    if (labels.angle == 0) {
      DrawText(c.cr, labels.texts[i], x, plot.bottom() + c.Px(6) + font.ascent, Align::kCenter);
      continue;
    }
    cairo::save(c.cr);
    cairo::translate(c.cr, x, plot.bottom() + c.Px(6));
    cairo::rotate(c.cr, -labels.angle);
    DrawText(c.cr, labels.texts[i], 0, (font.ascent - font.descent) / 2, Align::kRight);
    cairo::restore(c.cr);
  }
}

// The legend: one entry per figure (its colour, then its name) in centred
// rows under the title; past kMaxLegendRows the rest is counted in a last
// "+N more" entry with no swatch.
struct LegendEntry {
  std::string text;
  std::size_t figure;
  double width;
};
struct LegendRow {
  std::vector<LegendEntry> entries;
  double width = 0;
};

enum class Swatch { kLine, kLineAndMarker, kBox };

double SwatchWidth(const Canvas& c) { return c.Px(22); }
double LegendSpacing(const Canvas& c) { return c.Px(20); }

void AddEntry(const Canvas& c, LegendRow* row, LegendEntry entry) {
  row->width += (row->entries.empty() ? 0 : LegendSpacing(c)) + entry.width;
  row->entries.push_back(std::move(entry));
}

void AddMoreEntry(const Canvas& c, LegendRow* row, std::size_t hidden, double room) {
  for (;;) {
    const std::string text = "+" + std::to_string(hidden) + " more";
    const double width = TextWidth(c.cr, text);
    if (row->entries.size() <= 1 || row->width + LegendSpacing(c) + width <= room) {
      return AddEntry(c, row, {text, kNoFigure, width});
    }
    row->width -= LegendSpacing(c) + row->entries.back().width;
    row->entries.pop_back();
    ++hidden;
  }
}

std::vector<LegendRow> WrapLegend(const Canvas& c, const std::vector<std::string>& names) {
  UseFont(c, kLegendSize);
  const double room = c.width - 2 * c.Px(kMargin);
  const double text_room = std::min(c.Px(220), room - SwatchWidth(c) - c.Px(6));
  std::vector<LegendRow> rows(1);
  for (std::size_t f = 0; f < names.size(); ++f) {
    const std::string text = Fit(c.cr, TerminalSafe(names[f]), text_room);
    const double width = SwatchWidth(c) + c.Px(6) + TextWidth(c.cr, text);
    if (!rows.back().entries.empty() && rows.back().width + LegendSpacing(c) + width > room) {
      if (rows.size() == kMaxLegendRows) {
        AddMoreEntry(c, &rows.back(), names.size() - f, room);
        break;
      }
      rows.emplace_back();
    }
    AddEntry(c, &rows.back(), {text, f, width});
  }
  return rows;
}

double LegendRowHeight(const Canvas& c) { return UseFont(c, kLegendSize).height * 1.4; }

double LegendHeight(const Canvas& c, const std::vector<LegendRow>& rows) {
  return rows.size() * LegendRowHeight(c) + c.Px(10);
}

void DrawSwatch(const Canvas& c, double x, double mid, std::size_t figure, Swatch swatch) {
  if (swatch == Swatch::kBox) {
    const double side = c.Px(12);
    cairo::rectangle(c.cr, x + SwatchWidth(c) - side, mid - side / 2, side, side);
    SetColour(c.cr, FigureColour(figure));
    cairo::fill(c.cr);
    return;
  }
  cairo::move_to(c.cr, x, mid);
  cairo::line_to(c.cr, x + SwatchWidth(c), mid);
  cairo::set_line_width(c.cr, c.Px(2.5));
  SetColour(c.cr, FigureColour(figure));
  cairo::stroke(c.cr);
  if (swatch == Swatch::kLineAndMarker) {
    AddMarker(c, x + SwatchWidth(c) / 2, mid);
    PaintMarkers(c, FigureColour(figure));
  }
}

void DrawLegend(const Canvas& c, const std::vector<LegendRow>& rows, double top, Swatch swatch) {
  const double row_height = LegendRowHeight(c);
  const FontMetrics font = UseFont(c, kLegendSize);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const double baseline = top + r * row_height + font.ascent;
    double x = (c.width - rows[r].width) / 2;
    for (const LegendEntry& e : rows[r].entries) {
      double text_x = x;
      if (e.figure != kNoFigure) {
        DrawSwatch(c, x, baseline - font.ascent * 0.35, e.figure, swatch);
        text_x += SwatchWidth(c) + c.Px(6);
      }
      SetColour(c.cr, e.figure == kNoFigure ? kNote : kInk);
      DrawText(c.cr, e.text, text_x, baseline, Align::kLeft);
      x += e.width + LegendSpacing(c);
    }
  }
}

double DrawTitle(const Canvas& c, const std::string& title) {
  if (title.empty()) return c.Px(kMargin);
  const FontMetrics font = UseFont(c, kTitleSize, true);
  const double baseline = c.Px(kMargin) + font.ascent;
  SetColour(c.cr, kInk);
  DrawText(c.cr, Fit(c.cr, title, c.width - 2 * c.Px(kMargin)), c.width / 2, baseline,
           Align::kCenter);
  return baseline + font.descent + c.Px(12);
}

void DrawNoData(const Canvas& c, double top) {
  const FontMetrics font = UseFont(c, kNoDataSize);
  SetColour(c.cr, kNote);
  DrawText(c.cr, "no data", c.width / 2, (top + c.height) / 2 + (font.ascent - font.descent) / 2,
           Align::kCenter);
}

// What every chart with data has: the legend under the title, the y axis,
// and the plot's left, top and width (its height waits for the x axis).
struct Frame {
  std::vector<LegendRow> legend;
  double legend_top = 0;
  YAxis y;
  Rect plot;
};

Frame PlaceFrame(const Canvas& c, const CountTable& table, const Series& s, ChartMetric metric,
                 double top) {
  Frame f;
  f.legend = WrapLegend(c, table.figures);
  f.legend_top = top;
  f.plot.y = top + LegendHeight(c, f.legend);
  const double tick_height = UseFont(c, kTickSize).height;
  f.y = ChooseYAxis(MaxValue(s), metric, (c.height - f.plot.y) * 0.7, tick_height);
  f.plot.x = YAxisWidth(c, f.y);
  f.plot.w = std::max(c.width - c.Px(kMargin) - f.plot.x, c.Px(20));
  return f;
}

void SetPlotHeight(const Canvas& c, double axis_height, Frame* f) {
  f->plot.h = std::max(c.height - f->plot.y - axis_height, c.Px(20));
}

void DrawTimeChart(const Canvas& c, const CountTable& table, const ChartOptions& options,
                   double top) {
  const Series s = TimeSeries(table, options.metric);
  if (s.days.empty() || table.figures.empty()) return DrawNoData(c, top);
  Frame f = PlaceFrame(c, table, s, options.metric, top);
  const TimeAxis x = ChooseTimeAxis(c, s, options.by_name, f.plot);
  SetPlotHeight(c, TimeAxisHeight(c, x), &f);
  const bool markers = WantsMarkers(c, x, s.days.size());
  DrawYAxis(c, f.plot, f.y);
  DrawLines(c, f.plot, x, f.y, s, markers);
  HorizontalLine(c.cr, f.plot.x, f.plot.right(), f.plot.bottom(), kAxis);
  DrawTimeAxis(c, f.plot, x);
  DrawXAxisTitle(c, f.plot, options.by_name, s.left_out ? "undated documents not shown" : "");
  DrawLegend(c, f.legend, f.legend_top, markers ? Swatch::kLineAndMarker : Swatch::kLine);
}

void DrawBarChart(const Canvas& c, const CountTable& table, const ChartOptions& options,
                  double top) {
  const Series s = CategorySeries(table, options.metric, MaxCategories(c));
  if (s.categories.empty() || table.figures.empty()) return DrawNoData(c, top);
  Frame f = PlaceFrame(c, table, s, options.metric, top);
  const CategoryLabels labels = FitCategoryLabels(c, s.categories, f.plot);
  SetPlotHeight(c, c.Px(8) + labels.extent + XAxisTitleHeight(c), &f);
  DrawYAxis(c, f.plot, f.y);
  DrawBars(c, f.plot, f.y, s);
  HorizontalLine(c.cr, f.plot.x, f.plot.right(), f.plot.bottom(), kAxis);
  DrawCategoryLabels(c, f.plot, labels);
  DrawXAxisTitle(c, f.plot, options.by_name,
                 s.left_out ? "+" + std::to_string(s.left_out) + " more" : "");
  DrawLegend(c, f.legend, f.legend_top, Swatch::kBox);
}

void DrawChart(const Canvas& c, const CountTable& table, const ChartOptions& options) {
  SetColour(c.cr, kWhite);
  cairo::paint(c.cr);
  const double top = DrawTitle(c, TerminalSafe(options.title));
  if (IsTimeBucket(options.by_name)) {
    DrawTimeChart(c, table, options, top);
  } else {
    DrawBarChart(c, table, options, top);
  }
}

enum class Format { kSvg, kPng, kPdf };

bool FormatOfPath(const std::string& path, Format* format) {
  const std::size_t dot = path.find_last_of('.');
  const std::size_t slash = path.find_last_of('/');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return false;
  std::string ext = path.substr(dot + 1);
  for (char& ch : ext) ch = static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
  if (ext == "svg") {
    *format = Format::kSvg;
  } else if (ext == "png") {
    *format = Format::kPng;
  } else if (ext == "pdf") {
    *format = Format::kPdf;
  } else {
    return false;
  }
  return true;
}

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

SurfacePtr CreateSurface(Format format, int width, int height, std::string* out) {
  switch (format) {
    case Format::kSvg: {
      SurfacePtr surface(cairo::svg_surface_create_for_stream(AppendToString, out, width, height));
      // width="960" rather than "960pt": the size asked for, in CSS pixels.
      cairo::svg_surface_set_document_unit(surface.get(), CAIRO_SVG_UNIT_USER);
      return surface;
    }
    case Format::kPdf:
      return SurfacePtr(cairo::pdf_surface_create_for_stream(AppendToString, out, width, height));
    case Format::kPng:
      break;
  }
  return SurfacePtr(cairo::image_surface_create(CAIRO_FORMAT_RGB24, width, height));
}

// The chart's file contents, drawn in memory so that a failure leaves no
// half-written file behind.
Status Render(Format format, const CountTable& table, const ChartOptions& options,
              std::string* out) {
  std::string why;
  if (!cairo::LoadCairo(&why)) return Status(Code::kNotFound, why);
  const int width = std::clamp(options.width, kMinSide, kMaxSide);
  const int height = std::clamp(options.height, kMinSide, kMaxSide);
  const SurfacePtr surface = CreateSurface(format, width, height, out);
  cairo_status_t status = cairo::surface_status(surface.get());
  if (status == CAIRO_STATUS_SUCCESS) {
    const ContextPtr cr(cairo::create(surface.get()));
    const double scale = std::clamp(std::sqrt(width * height / (960.0 * 540.0)), 0.7, 3.0);
    DrawChart(Canvas{cr.get(), static_cast<double>(width), static_cast<double>(height), scale},
              table, options);
    status = cairo::status(cr.get());
  }
  if (status == CAIRO_STATUS_SUCCESS && format == Format::kPng) {
    status = cairo::surface_write_to_png_stream(surface.get(), AppendToString, out);
  }
  cairo::surface_finish(surface.get());
  if (status == CAIRO_STATUS_SUCCESS) status = cairo::surface_status(surface.get());
  if (status == CAIRO_STATUS_SUCCESS) return Status();
  return Status(Code::kInternal,
                std::string("drawing the chart failed: ") + cairo::status_to_string(status));
}

Status CannotWrite(const std::string& path, int error) {
  return Status(Code::kIo,
                "cannot write chart to " + path + ": " + std::generic_category().message(error));
}

Status WriteFile(const std::string& path, const std::string& bytes) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) return CannotWrite(path, errno);
  const bool written = std::fwrite(bytes.data(), 1, bytes.size(), file) == bytes.size();
  const int write_error = errno;
  if (std::fclose(file) != 0 || !written) {
    const Status status = CannotWrite(path, written ? errno : write_error);
    std::remove(path.c_str());
    return status;
  }
  return Status();
}

}  // namespace

Status WriteChart(const std::string& path, const CountTable& table, const ChartOptions& options) {
  Format format;
  if (!FormatOfPath(path, &format)) {
    return Status(Code::kInvalidArgument, "cannot tell the chart format of " + path +
                                              ": use a name ending in .svg, .png or .pdf");
  }
  std::string bytes;
  Status status = Render(format, table, options, &bytes);
  if (!status.ok()) return Status(status.code(), status.message() + " (" + path + ")");
  return WriteFile(path, bytes);
}

Status ChartSvg(const CountTable& table, const ChartOptions& options, std::string* svg) {
  if (svg == nullptr) return Status(Code::kInvalidArgument, "ChartSvg needs a string to write to");
  svg->clear();
  return Render(Format::kSvg, table, options, svg);
}

}  // namespace concord::cli
