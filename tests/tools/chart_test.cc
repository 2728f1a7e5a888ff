#include "tools/chart.h"

#include <cairo.h>
#include <gtest/gtest.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

namespace concord::cli {
namespace {

// The first two colours of the chart palette (Okabe–Ito blue, vermillion).
constexpr std::uint32_t kFirstFigure = 0x0072B2;
constexpr std::uint32_t kSecondFigure = 0xD55E00;

CountTableRow Row(const std::string& key, std::size_t in_scope, std::vector<FigureCount> counts) {
  CountTableRow row;
  row.key = key;
  row.documents_in_scope = in_scope;
  row.figures = std::move(counts);
  return row;
}

// `figures` figures over `weeks` Mondays from 2025-01-06, gently varying.
CountTable WeeklyTable(std::size_t figures, int weeks) {
  static const char* const kNames[] = {"Zelensky", "Putin", "Erdoğan"};
  static const int kDaysIn2025[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  CountTable table;
  for (std::size_t f = 0; f < figures; ++f) table.figures.push_back(kNames[f % 3]);
  int month = 1, day = 6;
  for (int w = 0; w < weeks; ++w, day += 7) {
    if (day > kDaysIn2025[month - 1]) day -= kDaysIn2025[month++ - 1];
    char key[40];
    std::snprintf(key, sizeof key, "2025-%02d-%02d", month, day);
    std::vector<FigureCount> counts;
    for (std::size_t f = 0; f < figures; ++f) {
      const std::size_t v = 30 + 10 * f + (w * (f + 3)) % 7;
      counts.push_back({v, v / 2});
    }
    table.rows.push_back(Row(key, 400, counts));
  }
  return table;
}

CountTable SourceTable() {
  CountTable table;
  table.figures = {"Zelensky", "Putin"};
  table.rows = {Row("kyivindependent.com", 900, {{120, 60}, {80, 40}}),
                Row("meduza.io", 700, {{60, 30}, {110, 50}}),
                Row("lemonde.fr", 500, {{40, 20}, {30, 15}})};
  return table;
}

ChartOptions Options(const std::string& by_name, int width = 800, int height = 450) {
  ChartOptions options;
  options.title = "Zelensky, Putin and Erdoğan";
  options.by_name = by_name;
  options.width = width;
  options.height = height;
  return options;
}

std::string Svg(const CountTable& table, const ChartOptions& options) {
  std::string svg;
  const Status status = ChartSvg(table, options, &svg);
  EXPECT_TRUE(status.ok()) << status.ToString();
  return svg;
}

std::size_t Count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
    ++n;
  }
  return n;
}

// The most segments in one <path> stroked in `colour` (cairo writes a
// polyline as "M x y L x y L x y ...").
std::size_t LongestPolyline(const std::string& svg, const std::string& colour) {
  std::size_t longest = 0;
  for (std::size_t at = svg.find("<path"); at != std::string::npos;
       at = svg.find("<path", at + 1)) {
    const std::string element = svg.substr(at, svg.find("/>", at) - at);
    if (element.find("stroke:" + colour) == std::string::npos) continue;
    longest = std::max(longest, Count(element, " L "));
  }
  return longest;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// cairo numbers its surfaces process-wide; the numbers say nothing about the chart.
std::string WithoutSurfaceIds(std::string svg) {
  for (std::size_t at = svg.find("surface"); at != std::string::npos;
       at = svg.find("surface", at + 1)) {
    std::size_t end = at + 7;
    while (end < svg.size() && svg[end] >= '0' && svg[end] <= '9') ++end;
    svg.erase(at + 7, end - at - 7);
  }
  return svg;
}

bool FileExists(const std::string& path) { return std::ifstream(path).good(); }

struct XmlDocFree {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};

// The root element's attribute, or "" when the text is not well-formed XML
// with an <svg> root.
std::string SvgRootAttribute(const std::string& svg, const char* name) {
  std::unique_ptr<xmlDoc, XmlDocFree> doc(
      xmlReadMemory(svg.data(), static_cast<int>(svg.size()), "chart.svg", nullptr,
                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
  if (!doc) return "";
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (root == nullptr || std::string(reinterpret_cast<const char*>(root->name)) != "svg") return "";
  xmlChar* value = xmlGetProp(root, reinterpret_cast<const xmlChar*>(name));
  if (value == nullptr) return "";
  std::string out(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return out;
}

bool IsWellFormedSvg(const std::string& svg) { return !SvgRootAttribute(svg, "width").empty(); }

struct SurfaceFree {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};

// A decoded PNG, read pixel by pixel as 0xRRGGBB.
class Image {
 public:
  explicit Image(const std::string& path)
      : surface_(cairo_image_surface_create_from_png(path.c_str())) {
    cairo_surface_flush(surface_.get());
  }
  bool ok() const { return cairo_surface_status(surface_.get()) == CAIRO_STATUS_SUCCESS; }
  int width() const { return cairo_image_surface_get_width(surface_.get()); }
  int height() const { return cairo_image_surface_get_height(surface_.get()); }
  std::uint32_t At(int x, int y) const {
    const unsigned char* data = cairo_image_surface_get_data(surface_.get());
    const int stride = cairo_image_surface_get_stride(surface_.get());
    return reinterpret_cast<const std::uint32_t*>(data + y * stride)[x] & 0xFFFFFF;
  }
  std::size_t CountColour(std::uint32_t rgb) const {
    std::size_t n = 0;
    for (int y = 0; y < height(); ++y) {
      for (int x = 0; x < width(); ++x) n += At(x, y) == rgb;
    }
    return n;
  }
  // The longest run of `rgb` along a row (horizontal) or a column.
  int LongestRun(std::uint32_t rgb, bool horizontal) const {
    int best = 0;
    const int lines = horizontal ? height() : width(), length = horizontal ? width() : height();
    for (int i = 0; i < lines; ++i) {
      int run = 0;
      for (int j = 0; j < length; ++j) {
        const bool hit = (horizontal ? At(j, i) : At(i, j)) == rgb;
        run = hit ? run + 1 : 0;
        best = std::max(best, run);
      }
    }
    return best;
  }

 private:
  std::unique_ptr<cairo_surface_t, SurfaceFree> surface_;
};

std::string TempPath(const std::string& name) { return ::testing::TempDir() + "/" + name; }

Image WritePng(const std::string& name, const CountTable& table, const ChartOptions& options) {
  const std::string path = TempPath(name);
  const Status status = WriteChart(path, table, options);
  EXPECT_TRUE(status.ok()) << status.ToString();
  return Image(path);
}

TEST(ChartSvg, WeeklyChartOfSeveralFiguresIsWellFormedSvgOfTheRequestedSize) {
  const std::string svg = Svg(WeeklyTable(3, 12), Options("week", 800, 450));
  EXPECT_EQ(svg.rfind("<?xml", 0), 0u) << svg.substr(0, 80);
  EXPECT_NE(svg.find("<svg"), std::string::npos);
  EXPECT_EQ(SvgRootAttribute(svg, "width"), "800");
  EXPECT_EQ(SvgRootAttribute(svg, "height"), "450");
}

// One polyline per figure through the 12 weeks, in the figure's colour (a
// legend swatch is a single segment; cairo merges collinear segments).
TEST(ChartSvg, MoreFiguresDrawMoreLines) {
  const std::string one = Svg(WeeklyTable(1, 12), Options("week"));
  const std::string three = Svg(WeeklyTable(3, 12), Options("week"));
  EXPECT_GT(Count(three, "<path"), Count(one, "<path"));
  const char* const kColours[] = {"rgb(0%,44.705882%,69.803922%)", "rgb(83.529412%,36.862745%,0%)",
                                  "rgb(0%,61.960784%,45.098039%)"};  // Okabe–Ito
  EXPECT_GT(LongestPolyline(one, kColours[0]), 3u);
  EXPECT_EQ(LongestPolyline(one, kColours[2]), 0u);
  for (const char* colour : kColours) EXPECT_GT(LongestPolyline(three, colour), 3u) << colour;
}

// A week without documents has no rate: the rate's line breaks there
// (cairo starts a new subpath, " M "), while the counts' line goes through
// its zero.
TEST(ChartSvg, ARateHasAGapWhereABucketHasNoDocuments) {
  CountTable table = WeeklyTable(1, 12);
  table.rows[5].documents_in_scope = 0;
  table.rows[5].figures[0] = FigureCount{};
  const std::string colour = "rgb(0%,44.705882%,69.803922%)";
  const auto moves = [&](ChartMetric metric) {
    ChartOptions options = Options("week");
    options.metric = metric;
    const std::string svg = Svg(table, options);
    std::size_t most = 0;
    for (std::size_t at = svg.find("<path"); at != std::string::npos;
         at = svg.find("<path", at + 1)) {
      const std::string element = svg.substr(at, svg.find("/>", at) - at);
      if (element.find("stroke:" + colour) == std::string::npos) continue;
      most = std::max(most, Count(element, "M "));
    }
    return most;
  };
  EXPECT_EQ(moves(ChartMetric::kMentions), 1u);
  EXPECT_EQ(moves(ChartMetric::kPerThousand), 2u);
  EXPECT_EQ(moves(ChartMetric::kShare), 2u);
}

TEST(ChartSvg, EmptyTableStillGivesAValidSvg) {
  CountTable no_rows;
  no_rows.figures = {"Zelensky"};
  for (const char* by : {"week", "source"}) {
    EXPECT_TRUE(IsWellFormedSvg(Svg(CountTable{}, Options(by)))) << by;
    EXPECT_TRUE(IsWellFormedSvg(Svg(no_rows, Options(by)))) << by;
  }
}

TEST(ChartSvg, UndatedRowsAreLeftOutOfATimeChart) {
  CountTable undated;
  undated.figures = {"Zelensky"};
  undated.rows = {Row("", 50, {{500, 40}}), Row("2025-13-01", 50, {{9, 9}})};
  CountTable empty;
  empty.figures = {"Zelensky"};
  EXPECT_EQ(WithoutSurfaceIds(Svg(undated, Options("week"))),
            WithoutSurfaceIds(Svg(empty, Options("week"))));
  EXPECT_NE(WithoutSurfaceIds(Svg(undated, Options("source"))),
            WithoutSurfaceIds(Svg(empty, Options("source"))));
}

TEST(ChartSvg, NamesInAnyScriptAndBrokenUtf8StillDraw) {
  CountTable table = WeeklyTable(3, 6);
  table.figures = {"Зеленський", "أردوغان", "bad\xff\xfe bytes\x1b[2J"};
  ChartOptions options = Options("week");
  options.title = "\xc3(title)\xed\xa0\x80";
  EXPECT_TRUE(IsWellFormedSvg(Svg(table, options)));
  table.rows[0].key = "\xe2\x82";
  EXPECT_TRUE(IsWellFormedSvg(Svg(table, Options("source"))));
}

TEST(ChartSvg, NeedsAString) {
  EXPECT_EQ(ChartSvg(WeeklyTable(1, 3), Options("week"), nullptr).code(), Code::kInvalidArgument);
}

TEST(WriteChart, PngDecodesToTheRequestedSizeAndShowsEachFiguresColour) {
  const Image png = WritePng("weekly.png", WeeklyTable(2, 12), Options("week", 640, 360));
  ASSERT_TRUE(png.ok());
  EXPECT_EQ(png.width(), 640);
  EXPECT_EQ(png.height(), 360);
  EXPECT_LT(png.CountColour(0xFFFFFF), static_cast<std::size_t>(640 * 360) * 98 / 100);
  EXPECT_GT(png.CountColour(kFirstFigure), 100u);
  EXPECT_GT(png.CountColour(kSecondFigure), 100u);
}

TEST(WriteChart, ExtensionIsCaseInsensitive) {
  const Image png = WritePng("upper.PNG", WeeklyTable(1, 4), Options("week", 300, 200));
  ASSERT_TRUE(png.ok());
  EXPECT_EQ(png.width(), 300);
  ASSERT_TRUE(WriteChart(TempPath("upper.Svg"), WeeklyTable(1, 4), Options("week")).ok());
  EXPECT_TRUE(IsWellFormedSvg(ReadFile(TempPath("upper.Svg"))));
}

TEST(WriteChart, SizeIsClampedToSaneBounds) {
  const Image tiny = WritePng("tiny.png", WeeklyTable(1, 4), Options("week", 10, 100000));
  ASSERT_TRUE(tiny.ok());
  EXPECT_EQ(tiny.width(), 200);
  EXPECT_EQ(tiny.height(), 4000);
}

TEST(WriteChart, PdfIsACompletePdfFile) {
  const std::string path = TempPath("weekly.pdf");
  ASSERT_TRUE(WriteChart(path, WeeklyTable(3, 12), Options("week")).ok());
  std::string pdf = ReadFile(path);
  EXPECT_EQ(pdf.rfind("%PDF-", 0), 0u);
  while (!pdf.empty() && (pdf.back() == '\n' || pdf.back() == '\r')) pdf.pop_back();
  ASSERT_GE(pdf.size(), 5u);
  EXPECT_EQ(pdf.substr(pdf.size() - 5), "%%EOF");
}

TEST(WriteChart, SourcesAreBarsAndDatesAreLines) {
  const Image bars = WritePng("sources.png", SourceTable(), Options("source", 640, 360));
  ASSERT_TRUE(bars.ok());
  EXPECT_GT(bars.LongestRun(kFirstFigure, false), 60);
  EXPECT_GT(bars.LongestRun(kSecondFigure, false), 60);
  const Image lines = WritePng("lines.png", WeeklyTable(2, 12), Options("week", 640, 360));
  ASSERT_TRUE(lines.ok());
  EXPECT_LT(lines.LongestRun(kFirstFigure, false), 20);
}

// Equal mentions in buckets of 1,000 and 500 documents: a flat line of
// mentions, a rising line of mentions per 1,000 documents.
TEST(WriteChart, PerThousandAndShareDivideByTheDocumentsInTheBucket) {
  CountTable table;
  table.figures = {"Zelensky"};
  table.rows = {Row("2025-01-06", 1000, {{10, 10}}), Row("2025-01-13", 500, {{10, 10}})};
  ChartOptions options = Options("week", 640, 360);
  const int flat = WritePng("flat.png", table, options).LongestRun(kFirstFigure, true);
  EXPECT_GT(flat, 300);
  for (ChartMetric metric : {ChartMetric::kPerThousand, ChartMetric::kShare}) {
    options.metric = metric;
    EXPECT_LT(WritePng("rising.png", table, options).LongestRun(kFirstFigure, true), 100);
  }
  options.metric = ChartMetric::kDocuments;
  EXPECT_GT(WritePng("documents.png", table, options).LongestRun(kFirstFigure, true), 300);
}

TEST(WriteChart, UnknownExtensionIsInvalidArgumentNamingTheFile) {
  for (const std::string name : {"chart.jpg", "chart", "chart.svg.txt", "dir.png/chart"}) {
    const std::string path = TempPath(name);
    std::remove(path.c_str());
    const Status status = WriteChart(path, WeeklyTable(1, 4), Options("week"));
    EXPECT_EQ(status.code(), Code::kInvalidArgument) << name;
    EXPECT_NE(status.message().find(path), std::string::npos) << status.message();
    EXPECT_FALSE(FileExists(path)) << name;
  }
}

TEST(WriteChart, UnwritablePathIsIoNamingTheFile) {
  for (const char* name : {"chart.svg", "chart.png", "chart.pdf"}) {
    const std::string path = TempPath("no-such-directory/") + name;
    const Status status = WriteChart(path, WeeklyTable(1, 4), Options("week"));
    EXPECT_EQ(status.code(), Code::kIo) << name;
    EXPECT_NE(status.message().find(path), std::string::npos) << status.message();
  }
}

}  // namespace
}  // namespace concord::cli
