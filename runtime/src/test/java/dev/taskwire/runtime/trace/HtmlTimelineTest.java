package dev.taskwire.runtime.trace;

import static dev.taskwire.runtime.trace.Traces.ODD;
import static dev.taskwire.runtime.trace.Traces.TRACE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The HTML page: self-contained, escaped, and drawn from the trace's numbers. */
class HtmlTimelineTest {
  private static final String HTML = TRACE.toHtml();
  private static final Element SVG = svg(HTML);

  /** The page's SVG is XML: parsing it proves the escaping and that every tag is closed. */
  private static Element svg(String html) {
    String svg = html.substring(html.indexOf("<svg"), html.indexOf("</svg>") + "</svg>".length());
    try {
      return DocumentBuilderFactory.newInstance()
          .newDocumentBuilder()
          .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)))
          .getDocumentElement();
    } catch (Exception e) {
      throw new AssertionError("not well-formed:\n" + svg, e);
    }
  }

  private static List<Element> elements(String tag) {
    NodeList nodes = SVG.getElementsByTagName(tag);
    List<Element> found = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      found.add((Element) nodes.item(i));
    }
    return found;
  }

  @Test
  void thePageFetchesNothingAndRunsNoScript() {
    assertTrue(HTML.startsWith("<!DOCTYPE html>\n<html lang=\"en\">"), HTML);
    assertFalse(HTML.contains("<script"), "no script");
    assertFalse(HTML.contains("src="), "no external resource");
    assertFalse(HTML.contains("href="), "no link");
    assertEquals(1, HTML.split("http", -1).length - 1, "only the SVG namespace is a URL");
  }

  @Test
  void namesAreEscapedEverywhere() {
    assertFalse(HTML.contains("<b>&</b>"), "a raw task name in the page");
    assertTrue(HTML.contains("say &quot;hi&quot;\\ \n\t&lt;b&gt;&amp;&lt;/b&gt; \uFFFD"), HTML);
    String shown = ODD.replace('\u0001', '\uFFFD');
    assertEquals(List.of("upload", shown, "train", "publish"), names(SVG));
    assertTrue(
        elements("title").stream()
            .anyMatch(title -> title.getTextContent().startsWith(shown + ": succeeded\n")));
  }

  @Test
  void aNameTooLongForItsColumnIsCutAndWholeInItsTooltip() {
    String longName = "a".repeat(30) + "b".repeat(30);
    Element svg = svg(Traces.pipeline("p.Long").ran(longName, 0, 1).took(1).toHtml());
    assertEquals(List.of("a".repeat(30) + "b".repeat(5) + "…"), names(svg));
    assertTrue(
        svg.getElementsByTagName("title")
            .item(0)
            .getTextContent()
            .startsWith(longName + ": succeeded"));
  }

  private static List<String> names(Element svg) {
    List<String> names = new ArrayList<>();
    NodeList texts = svg.getElementsByTagName("text");
    for (int i = 0; i < texts.getLength(); i++) {
      Element text = (Element) texts.item(i);
      if (text.getAttribute("class").startsWith("name")) {
        names.add(text.getTextContent());
      }
    }
    return names;
  }

  @Test
  void barsAreColouredByOutcomeAndTheCriticalPathIsOutlined() {
    Map<String, Integer> fills = new TreeMap<>();
    List<String> outlined = new ArrayList<>();
    for (Element rect : elements("rect")) {
      if (rect.getAttribute("rx").equals("3")) {
        fills.merge(rect.getAttribute("fill"), 1, Integer::sum);
        if (rect.getAttribute("stroke").equals(HtmlTimeline.CRITICAL)) {
          outlined.add(
              ((Element) rect.getParentNode())
                  .getElementsByTagName("title")
                  .item(0)
                  .getTextContent()
                  .split(":")[0]);
        }
      }
    }
    // upload's second attempt, the odd task and train succeeded; upload's first was retried.
    assertEquals(Map.of(HtmlTimeline.SUCCEEDED, 3, HtmlTimeline.RETRIED, 1), fills);
    assertEquals(List.of("upload", "train"), outlined);
    assertEquals(
        1,
        elements("path").stream()
            .filter(path -> path.getAttribute("marker-end").equals("url(#arrow)"))
            .count());
  }

  @Test
  void theTooltipHasTimesThreadSlackAndDependencies() {
    List<String> titles = elements("title").stream().map(Element::getTextContent).toList();
    assertTrue(
        titles.contains(
            """
        train: succeeded
        started 1.000 s, ended 3.000 s, took 2.00 s
        on thread worker-1
        slack 0 s (on the critical path)
        depends on upload, %s"""
                .formatted(ODD.replace('\u0001', '\uFFFD'))),
        titles.toString());
    assertTrue(
        titles.contains(
            """
        upload: succeeded
        started 0.000 s, ended 1.000 s, took 1.00 s
        on thread worker-2
        2 attempts (1 retry)
        slack 0 s (on the critical path)"""),
        titles.toString());
    assertTrue(titles.contains("publish: skipped (never started)"), titles.toString());
  }

  @Test
  void theAxisHasRoundTimes() {
    List<String> labels =
        elements("text").stream()
            .filter(text -> text.getAttribute("class").equals("axis"))
            .map(Element::getTextContent)
            .toList();
    assertEquals(List.of("0.0 s", "0.5 s", "1.0 s", "1.5 s", "2.0 s", "2.5 s", "3.0 s"), labels);
    assertEquals(5_000_000, HtmlTimeline.niceStep(4_100_000));
    assertEquals(200, HtmlTimeline.niceStep(101));
    assertEquals(1_000_000_000, HtmlTimeline.niceStep(525_000_000));
  }

  @Test
  void theHeaderSaysHowTheRunEndedAndNamesTheCriticalPath() {
    assertTrue(HTML.contains("<title>Pipeline run: failed in 3.10 s</title>"), HTML);
    assertTrue(
        HTML.contains(
            ">failed</span> 4 tasks in 3.10 s. Critical path, 3.00 s of it:"
                + " <b>upload &#8594; train</b>"),
        HTML);
    assertTrue(HTML.contains("critical path</span>"), "the legend explains the outline");
  }
}
