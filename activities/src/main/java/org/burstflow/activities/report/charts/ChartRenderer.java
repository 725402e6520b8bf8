package org.burstflow.activities.report.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.burstflow.activities.report.ChartImage;
import org.burstflow.activities.report.ReportFormat;
import org.burstflow.contracts.slurm.JobAccounting;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws a report's charts (at most three) as PNG with JFreeChart, headless. GPU jobs with
 * samples get utilisation over time per GPU, VRAM use against capacity, and a per-GPU
 * utilisation heatmap; other jobs get CPU time used against allocated and peak memory against
 * the request, from sacct's totals (Slurm keeps no CPU time series).
 */
public final class ChartRenderer {

  public static final int MAX_CHARTS = 3;
  private static final int WIDTH = 720;
  private static final int HEIGHT = 300;
  private static final double GIB = 1024.0 * 1024 * 1024;

  static {
    // servers have no display; without this AWT may try to reach one
    System.setProperty("java.awt.headless", "true");
  }

  /** GPU charts from the job's downsampled samples; empty when there are none. */
  public List<ChartImage> gpuCharts(GpuTimeline t) {
    if (t.isEmpty()) {
      return List.of();
    }
    List<ChartImage> charts = new ArrayList<>();
    charts.add(gpuUtil(t));
    ChartImage memory = gpuMemory(t);
    if (memory != null) {
      charts.add(memory);
    }
    charts.add(heatmap(t));
    return charts.subList(0, Math.min(MAX_CHARTS, charts.size()));
  }

  /** CPU time and memory against what was allocated, from sacct; only charts with both figures. */
  public List<ChartImage> cpuCharts(JobAccounting a) {
    List<ChartImage> charts = new ArrayList<>();
    if (a.totalCpu() != null && a.elapsed() != null && a.allocCpus() > 0 && !a.elapsed().isZero()) {
      double used = a.totalCpu().toMillis() / 3_600_000.0;
      double held = a.elapsed().toMillis() / 3_600_000.0 * a.allocCpus();
      DefaultCategoryDataset d = new DefaultCategoryDataset();
      d.addValue(used, "used (TotalCPU)", "core-hours");
      d.addValue(held, "allocated (Elapsed × CPUs)", "core-hours");
      JFreeChart c = ChartFactory.createBarChart("CPU time: used vs allocated", null, "core-hours", d,
          PlotOrientation.HORIZONTAL, true, false, false);
      charts.add(new ChartImage("cpu", "CPU time: used vs allocated",
          String.format(Locale.ROOT, "CPU time used %.2f core-hours of %.2f allocated", used, held), png(c)));
    }
    if (a.peakRssBytes() != null && a.requestedMemoryPerNodeBytes() != null) {
      DefaultCategoryDataset d = new DefaultCategoryDataset();
      d.addValue(a.peakRssBytes() / GIB, "peak RSS", "memory per node (GiB)");
      d.addValue(a.requestedMemoryPerNodeBytes() / GIB, "requested", "memory per node (GiB)");
      JFreeChart c = ChartFactory.createBarChart("Memory per node: peak vs requested", null, "GiB", d,
          PlotOrientation.HORIZONTAL, true, false, false);
      charts.add(new ChartImage("memory", "Memory per node: peak vs requested",
          "peak RSS " + ReportFormat.bytes(a.peakRssBytes()) + " of "
              + ReportFormat.bytes(a.requestedMemoryPerNodeBytes()) + " requested per node", png(c)));
    }
    return charts;
  }

  private ChartImage gpuUtil(GpuTimeline t) {
    XYSeriesCollection data = new XYSeriesCollection();
    t.gpus().forEach((name, g) -> {
      XYSeries s = new XYSeries(name);
      for (int i = 0; i < g.buckets(); i++) {
        if (!Double.isNaN(g.utilPct()[i])) {
          s.add(hours(t, i), g.utilPct()[i]);
        }
      }
      data.addSeries(s);
    });
    JFreeChart c = ChartFactory.createXYLineChart("GPU utilisation over time", "hours since start",
        "utilisation (%)", data, PlotOrientation.VERTICAL, t.gpus().size() <= 16, false, false);
    ((NumberAxis) c.getXYPlot().getRangeAxis()).setRange(0, 100);
    return new ChartImage("gpu-util", "GPU utilisation over time",
        "GPU utilisation over time for " + t.gpus().size() + " GPU(s); mean per GPU: " + means(t), png(c));
  }

  private ChartImage gpuMemory(GpuTimeline t) {
    XYSeriesCollection data = new XYSeriesCollection();
    long capacity = -1;
    long peak = -1;
    for (Map.Entry<String, GpuTimeline.Gpu> e : t.gpus().entrySet()) {
      XYSeries s = new XYSeries(e.getKey());
      long[] v = e.getValue().vramUsed();
      for (int i = 0; i < v.length; i++) {
        if (v[i] >= 0) {
          s.add(hours(t, i), v[i] / GIB);
          peak = Math.max(peak, v[i]);
        }
      }
      capacity = Math.max(capacity, e.getValue().vramTotal());
      if (s.getItemCount() > 0) {
        data.addSeries(s);
      }
    }
    if (data.getSeriesCount() == 0) {
      return null;
    }
    JFreeChart c = ChartFactory.createXYLineChart("GPU memory used vs capacity", "hours since start",
        "VRAM used (GiB)", data, PlotOrientation.VERTICAL, t.gpus().size() <= 16, false, false);
    String description = "peak VRAM used " + ReportFormat.bytes(peak);
    if (capacity > 0) {
      ValueMarker m = new ValueMarker(capacity / GIB, Color.RED, new BasicStroke(2f));
      m.setLabel("capacity " + ReportFormat.bytes(capacity));
      m.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_RIGHT);
      m.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.BOTTOM_RIGHT);
      m.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
      c.getXYPlot().addRangeMarker(m);
      ((NumberAxis) c.getXYPlot().getRangeAxis()).setRange(0, capacity / GIB * 1.15);
      description += " of " + ReportFormat.bytes(capacity) + " capacity per GPU";
    }
    return new ChartImage("memory", "GPU memory used vs capacity", description, png(c));
  }

  private ChartImage heatmap(GpuTimeline t) {
    List<String> names = new ArrayList<>(t.gpus().keySet());
    int buckets = t.gpus().get(names.get(0)).buckets();
    int cells = names.size() * buckets;
    double[] xs = new double[cells];
    double[] ys = new double[cells];
    double[] zs = new double[cells];
    int k = 0;
    for (int gpu = 0; gpu < names.size(); gpu++) {
      double[] util = t.gpus().get(names.get(gpu)).utilPct();
      for (int i = 0; i < buckets; i++, k++) {
        xs[k] = hours(t, i);
        ys[k] = gpu;
        zs[k] = util[i]; // NaN: no sample, drawn in the "no data" colour
      }
    }
    DefaultXYZDataset data = new DefaultXYZDataset();
    data.addSeries("utilisation", new double[][] {xs, ys, zs});
    LookupPaintScale scale = new LookupPaintScale(0, 100.0001, new Color(0xEEEEEE));
    Color[] ramp = {new Color(0x313695), new Color(0x4575B4), new Color(0x74ADD1), new Color(0xABD9E9),
        new Color(0xFEE090), new Color(0xFDAE61), new Color(0xF46D43), new Color(0xD73027), new Color(0xA50026),
        new Color(0x67001F)};
    for (int i = 0; i < ramp.length; i++) {
      scale.add(i * 10.0, ramp[i]);
    }
    XYBlockRenderer renderer = new XYBlockRenderer();
    renderer.setPaintScale(scale);
    renderer.setBlockWidth(t.bucketSeconds() / 3600.0);
    renderer.setBlockHeight(1.0);
    renderer.setBlockAnchor(org.jfree.chart.ui.RectangleAnchor.CENTER);
    SymbolAxis gpuAxis = new SymbolAxis("GPU", names.toArray(String[]::new));
    NumberAxis time = new NumberAxis("hours since start");
    time.setRange(0, buckets * t.bucketSeconds() / 3600.0);
    XYPlot plot = new XYPlot(data, time, gpuAxis, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    JFreeChart c = new JFreeChart("Utilisation per GPU (heatmap)", JFreeChart.DEFAULT_TITLE_FONT, plot, false);
    NumberAxis legendAxis = new NumberAxis("utilisation (%)");
    legendAxis.setRange(0, 100);
    PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
    legend.setPosition(RectangleEdge.RIGHT);
    c.addSubtitle(legend);
    int height = Math.max(HEIGHT, 60 + 18 * names.size());
    return new ChartImage("gpu-heatmap", "Utilisation per GPU (heatmap)",
        "heatmap of utilisation per GPU and time; darker red is busier, blue is idle, grey is no sample",
        png(c, height));
  }

  private static double hours(GpuTimeline t, int bucket) {
    return (bucket + 0.5) * t.bucketSeconds() / 3600.0;
  }

  private static String means(GpuTimeline t) {
    List<String> parts = new ArrayList<>();
    t.gpus().forEach((name, g) -> {
      double sum = 0;
      int n = 0;
      for (double u : g.utilPct()) {
        if (!Double.isNaN(u)) {
          sum += u;
          n++;
        }
      }
      parts.add(name + " " + (n == 0 ? "no data" : String.format(Locale.ROOT, "%.0f %%", sum / n)));
    });
    return String.join(", ", parts);
  }

  private static byte[] png(JFreeChart chart) {
    return png(chart, HEIGHT);
  }

  private static byte[] png(JFreeChart chart, int height) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.setAntiAlias(true);
    // light plots print and read better in e-mail clients than JFreeChart's grey default
    chart.getPlot().setBackgroundPaint(Color.WHITE);
    if (chart.getPlot() instanceof XYPlot xy) {
      xy.setDomainGridlinePaint(Color.LIGHT_GRAY);
      xy.setRangeGridlinePaint(Color.LIGHT_GRAY);
      if (xy.getRenderer() instanceof org.jfree.chart.renderer.xy.XYLineAndShapeRenderer lines) {
        for (int i = 0; i < xy.getDataset().getSeriesCount(); i++) {
          lines.setSeriesStroke(i, new BasicStroke(1.5f));
        }
      }
    } else if (chart.getPlot() instanceof org.jfree.chart.plot.CategoryPlot category) {
      category.setRangeGridlinePaint(Color.LIGHT_GRAY);
    }
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(16_384);
      ChartUtils.writeChartAsPNG(out, chart, WIDTH, height);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("could not encode a chart as PNG", e);
    }
  }
}
