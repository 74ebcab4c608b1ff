package org.paperlab.notebook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.paperlab.lab.Chart;

/**
 * Display bundles. The PNG reference is the format itself: the 8-byte signature of the PNG
 * specification (89 50 4E 47 0D 0A 1A 0A) and the pixels read back by the JDK's own PNG reader.
 */
class DisplaysTest {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private static BufferedImage decode(DisplayData d) throws IOException {
    byte[] png = Base64.getDecoder().decode((String) d.getData(MIMEType.IMAGE_PNG));
    assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, 8));
    return ImageIO.read(new ByteArrayInputStream(png));
  }

  @Test
  void aBufferedImageBecomesBase64PngWithItsPixels() throws IOException {
    BufferedImage img = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
    int[] colors = {0xff0000, 0x00ff00, 0x0000ff, 0x123456};
    for (int y = 0; y < 3; y++) {
      for (int x = 0; x < 4; x++) {
        img.setRGB(x, y, colors[(x + y) % 4]);
      }
    }
    DisplayData d = Displays.of(img, null);
    assertEquals("<image 4x3>", d.getData(MIMEType.TEXT_PLAIN));
    BufferedImage back = decode(d);
    assertEquals(4, back.getWidth());
    assertEquals(3, back.getHeight());
    for (int y = 0; y < 3; y++) {
      for (int x = 0; x < 4; x++) {
        assertEquals(colors[(x + y) % 4], back.getRGB(x, y) & 0xffffff, "pixel " + x + "," + y);
      }
    }
  }

  @Test
  void chartsBecomePngsOfTheirSize() throws IOException {
    // Chart.line draws 800 x 560 (lab.Chart); the XChart chart is built 300 x 200 here
    Chart lab = Chart.line("t", "x", "y").series("s", new double[] {0, 1}, new double[] {1, 2});
    XYChart xy = new XYChartBuilder().width(300).height(200).build();
    xy.addSeries("s", new double[] {0, 1}, new double[] {1, 2});
    assertTrue(Displays.isImage(lab));
    assertTrue(Displays.isImage(xy));
    BufferedImage a = decode(Displays.of(lab, null));
    BufferedImage b = decode(Displays.of(xy, null));
    assertEquals(800, a.getWidth());
    assertEquals(560, a.getHeight());
    assertEquals(300, b.getWidth());
    assertEquals(200, b.getHeight());
    assertEquals("<XYChart 300x200>", Displays.of(xy, null).getData(MIMEType.TEXT_PLAIN));
  }

  @Test
  void anythingElseIsText() {
    assertFalse(Displays.isImage("x"));
    DisplayData d = Displays.of(java.util.List.of(1, 2), null);
    assertEquals("[1, 2]", d.getData(MIMEType.TEXT_PLAIN));
    assertFalse(d.hasDataForType(MIMEType.IMAGE_PNG));
    assertEquals("\"quoted\"", Displays.of("quoted", "\"quoted\"").getData(MIMEType.TEXT_PLAIN));
  }
}
