package dev.taskwire.samples;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders the sample's HTML timeline in headless Chromium and looks at the picture: the page must
 * draw (right size, not blank, the bar colours there) with nothing fetched from a network. Without
 * Chromium the test is skipped on a workstation and fails on CI ({@code CI} set).
 */
@Timeout(180)
class TimelineScreenshotTest {
  private static final int WIDTH = 1200;
  private static final int HEIGHT = 600;

  /** The HTML timeline's colours for a succeeded bar and the critical path's outline. */
  private static final int SUCCEEDED = 0x52a675;

  private static final int CRITICAL = 0x1f2d4d;

  @Test
  void chromiumDrawsTheSamplesTimeline(@TempDir Path scratch) throws Exception {
    Path chromium = chromium();
    AutoMlSampleTest.Run run = AutoMlSampleTest.run(AutoMlSampleTest.FAST);
    assertEquals(0, run.exitCode(), run.out());
    Path html = AutoMlSampleTest.savedFile(run, "timeline");
    Path png = html.resolveSibling("automl-timeline.png");
    Files.deleteIfExists(png);

    Path log = scratch.resolve("chromium.log");
    Process process =
        new ProcessBuilder(
                chromium.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + scratch.resolve("profile"),
                "--window-size=" + WIDTH + "," + HEIGHT,
                "--screenshot=" + png,
                html.toUri().toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!process.waitFor(90, SECONDS)) {
      process.destroyForcibly();
      fail("chromium did not finish; its output:\n" + read(log));
    }
    assertEquals(0, process.exitValue(), read(log));

    BufferedImage image = ImageIO.read(png.toFile());
    assertNotNull(image, png + " is not an image; chromium said:\n" + read(log));
    assertEquals(WIDTH, image.getWidth());
    assertEquals(HEIGHT, image.getHeight());
    Map<Integer, Integer> colours = new HashMap<>();
    for (int y = 0; y < HEIGHT; y++) {
      for (int x = 0; x < WIDTH; x++) {
        colours.merge(image.getRGB(x, y) & 0xffffff, 1, Integer::sum);
      }
    }
    String seen =
        colours.size()
            + " colours, "
            + colours.getOrDefault(SUCCEEDED, 0)
            + " green pixels, "
            + colours.getOrDefault(CRITICAL, 0)
            + " navy pixels, in "
            + png;
    assertTrue(colours.size() >= 20, "a blank page? " + seen);
    // Seven succeeded bars, the longest hundreds of pixels wide.
    assertTrue(colours.getOrDefault(SUCCEEDED, 0) >= 3000, seen);
    assertTrue(colours.getOrDefault(CRITICAL, 0) >= 200, seen);
    assertTrue(colours.getOrDefault(0xffffff, 0) < WIDTH * HEIGHT * 0.95, seen);
  }

  /** Chromium on the PATH; otherwise the test fails on CI and is skipped elsewhere. */
  private static Path chromium() {
    Optional<Path> found =
        Stream.of(System.getenv("PATH").split(File.pathSeparator))
            .flatMap(dir -> Stream.of("chromium", "chromium-browser").map(Path.of(dir)::resolve))
            .filter(Files::isExecutable)
            .findFirst();
    String missing =
        "Chromium is not installed, so the HTML timeline cannot be rendered; install"
            + " it (Debian/Ubuntu: apt-get install -y chromium) and run the tests again";
    if (found.isEmpty() && System.getenv("CI") != null) {
      fail(missing + " (CI is set, so this test must run)");
    }
    assumeTrue(found.isPresent(), missing);
    return found.get();
  }

  private static String read(Path log) throws Exception {
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no output)";
  }
}
