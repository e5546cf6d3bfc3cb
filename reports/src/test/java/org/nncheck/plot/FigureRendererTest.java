package org.nncheck.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Figures drawn with XChart: every kind decodes as a PNG; markers and dropped points show. */
class FigureRendererTest {

    static final double[] STEPS = {0, 1, 2, 3, 4, 5};
    static final double[] LOSS = {2.3, 1.9, 1.5, 1.4, Double.NaN, 1.3};

    static BufferedImage draw(Figure f) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(FigureRenderer.png(f)));
    }

    /** Pixels of the marker colour (the annotation line's red). */
    static long redPixels(BufferedImage img) {
        long n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (r > 150 && g < 40 && b < 40) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void aLineChartWithAMarkerIsAPngWithTheMarkerDrawn() throws Exception {
        Figure plain = new Figure("loss", Figure.Kind.LINE, "step", "loss", false, false, List.of(new Series("loss", STEPS, LOSS)), List.of());
        Figure marked = new Figure("loss", Figure.Kind.LINE, "step", "loss", false, false, List.of(new Series("loss", STEPS, LOSS)),
                List.of(new Figure.Marker(3, "plateau")));
        BufferedImage a = draw(plain);
        BufferedImage b = draw(marked);
        assertEquals(FigureRenderer.WIDTH, a.getWidth());
        assertEquals(FigureRenderer.HEIGHT, a.getHeight());
        assertEquals(0, redPixels(a));
        assertTrue(redPixels(b) > FigureRenderer.HEIGHT / 3, "a vertical red line: " + redPixels(b));
    }

    @Test
    void nonFinitePointsAreLeftOutAndSaid() {
        Figure f = new Figure("loss", Figure.Kind.LINE, "step", "loss", false, false, List.of(new Series("loss", STEPS, LOSS)), List.of());
        assertEquals("loss (1 non-finite or non-positive-on-log points not drawn)", FigureRenderer.chart(f).getTitle());
        Figure log = new Figure("lr", Figure.Kind.SCATTER, "lr", "acc", true, false, List.of(new Series("runs", new double[] {0, 1e-3, 1e-1},
                new double[] {0.1, 0.8, 0.2})), List.of());
        assertEquals("lr (1 non-finite or non-positive-on-log points not drawn)", FigureRenderer.chart(log).getTitle());
    }

    @Test
    void histogramsShareBinsAndAllKindsDraw() throws Exception {
        double[] a = new double[1000];
        double[] b = new double[1000];
        for (int i = 0; i < a.length; i++) {
            a[i] = Math.sin(i) * 0.1;
            b[i] = Math.sin(i);
        }
        Figure h = new Figure("activations of layer 3", Figure.Kind.HISTOGRAM, "activation", null, false, false,
                List.of(new Series("xavier", a, new double[0]), new Series("he", b, new double[0])), List.of());
        var chart = FigureRenderer.chart(h);
        assertEquals(2, chart.getSeriesCollection().size());
        assertEquals(FigureRenderer.HISTOGRAM_BINS, chart.getSeries("xavier").getXData().length);
        assertEquals(chart.getSeries("xavier").getXData()[0], chart.getSeries("he").getXData()[0]);
        assertEquals(1000.0, java.util.Arrays.stream(chart.getSeries("he").getYData()).sum(), 1e-9);
        assertEquals(FigureRenderer.WIDTH, draw(h).getWidth());
        Figure empty = new Figure("nothing", Figure.Kind.LINE, "x", "y", false, true, List.of(new Series("nan", new double[] {1}, new double[] {Double.NaN})),
                List.of());
        assertEquals(FigureRenderer.WIDTH, draw(empty).getWidth());
    }
}
