package io.stowage.sim.report;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import javax.imageio.ImageIO;

/**
 * The look shared by the report's charts, and their PNG output. Loads AWT: only {@link ReportWriter}, which makes
 * AWT headless first, may reach it.
 */
final class ChartStyle
{
    static final int WIDTH = 1000;
    static final int HEIGHT = 520;
    /** Width of each of the two side-by-side charts of the {@code --compare} mode. */
    static final int COMPARE_WIDTH = 780;
    /** Most points drawn per series: more samples are averaged in buckets. */
    static final int MAX_POINTS = 1_500;
    static final BasicStroke SOLID = new BasicStroke(2.0f);
    static final BasicStroke THIN = new BasicStroke(1.2f);
    static final BasicStroke DASHED = new BasicStroke(
        2.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10.0f, new float[] { 7.0f, 5.0f }, 0.0f);

    /** Tableau 10: distinct at a glance and for the common forms of colour blindness. */
    private static final Color[] PALETTE = {
        new Color(0x4E79A7), new Color(0xF28E2B), new Color(0xE15759), new Color(0x76B7B2), new Color(0x59A14F),
        new Color(0xEDC948), new Color(0xB07AA1), new Color(0xFF9DA7), new Color(0x9C755F), new Color(0xBAB0AC) };
    /** Pixels between x ticks: enough for labels such as "1,200" not to run into each other. */
    private static final int X_TICK_SPACING = 90;
    private static final Color GRID = new Color(0xE4E4E4);
    private static final String FONT = Font.SANS_SERIF;

    private ChartStyle()
    {
    }

    /**
     * @param index a series index.
     * @return its colour, from a palette of ten that repeats.
     */
    static Color color(final int index)
    {
        return PALETTE[index % PALETTE.length];
    }

    /**
     * @param title  chart title.
     * @param xTitle x axis title.
     * @param yTitle y axis title.
     * @param width  pixels.
     * @return an empty line chart in the report's style, its legend below the plot.
     */
    static XYChart chart(final String title, final String xTitle, final String yTitle, final int width)
    {
        final XYChart chart = new XYChartBuilder()
            .width(width).height(HEIGHT).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        final XYStyler styler = chart.getStyler();
        styler.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        styler.setSeriesColors(PALETTE);
        styler.setMarkerSize(0);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(true);
        styler.setPlotBorderColor(Color.GRAY);
        styler.setPlotGridLinesColor(GRID);
        styler.setPlotGridLinesStroke(new BasicStroke(1.0f));
        styler.setChartTitleFont(new Font(FONT, Font.BOLD, 16));
        styler.setChartTitleBoxVisible(false);
        styler.setAxisTitleFont(new Font(FONT, Font.PLAIN, 13));
        styler.setAxisTickLabelsFont(new Font(FONT, Font.PLAIN, 12));
        styler.setLegendFont(new Font(FONT, Font.PLAIN, 12));
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setLegendBorderColor(Color.WHITE);
        styler.setLegendSeriesLineLength(28);
        styler.setXAxisTickMarkSpacingHint(X_TICK_SPACING);
        styler.setChartPadding(12);
        styler.setPlotMargin(4);
        styler.setAntiAlias(true);
        return chart;
    }

    /**
     * Adds a line.
     *
     * @param chart  the chart.
     * @param names  names already in the chart, to keep the new one unique (XChart refuses duplicates).
     * @param name   legend name.
     * @param x      x values.
     * @param y      y values.
     * @param color  line colour.
     * @param stroke line stroke.
     * @return the series.
     */
    static XYSeries line(
        final XYChart chart,
        final Set<String> names,
        final String name,
        final double[] x,
        final double[] y,
        final Color color,
        final BasicStroke stroke)
    {
        final double[][] points = SeriesPoints.downsample(x, y, MAX_POINTS);
        final XYSeries series = chart.addSeries(unique(names, name), points[0], points[1]);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(color);
        series.setLineStyle(stroke);
        return series;
    }

    /**
     * Writes the charts to a PNG, side by side when there are more than one.
     *
     * @param file   where to.
     * @param charts one or more charts of the same height.
     * @throws IOException if the file cannot be written.
     */
    static void save(final Path file, final List<XYChart> charts) throws IOException
    {
        try (OutputStream out = Files.newOutputStream(file))
        {
            if (charts.size() == 1)
            {
                ImageIO.write(BitmapEncoder.getBufferedImage(charts.get(0)), "png", out);
            }
            else
            {
                BitmapEncoder.saveBitmap(charts, 1, charts.size(), out, BitmapEncoder.BitmapFormat.PNG);
            }
        }
    }

    private static String unique(final Set<String> names, final String name)
    {
        String candidate = name == null || name.isBlank() ? "(unnamed)" : name;
        for (int i = 2; !names.add(candidate); i++)
        {
            candidate = name + " (" + i + ")";
        }
        return candidate;
    }
}
