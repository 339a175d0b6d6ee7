package dev.taskwire.runtime.trace;

import static dev.taskwire.runtime.trace.Traces.ODD;
import static dev.taskwire.runtime.trace.Traces.TRACE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hand-written JSON, read back with a real parser. */
class ChromeTraceTest {
  private static final JsonNode JSON = parse(TRACE.toChromeJson());

  private static JsonNode parse(String json) {
    try {
      return new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .readTree(json);
    } catch (Exception e) {
      throw new AssertionError("not JSON:\n" + json, e);
    }
  }

  private static List<JsonNode> events(String phase) {
    return StreamSupport.stream(JSON.get("traceEvents").spliterator(), false)
        .filter(event -> event.get("ph").asText().equals(phase))
        .toList();
  }

  @Test
  void everyEventHasThePhaseNameProcessAndRow() {
    assertTrue(JSON.get("traceEvents").size() > 0);
    for (JsonNode event : JSON.get("traceEvents")) {
      for (String field : List.of("ph", "name", "pid", "tid")) {
        assertTrue(event.has(field), "no " + field + " in " + event);
      }
      if (!event.get("ph").asText().equals("M")) {
        assertTrue(event.get("ts").isNumber(), "no ts in " + event);
      }
    }
  }

  @Test
  void eachAttemptIsACompleteEventInMicroseconds() {
    List<JsonNode> slices = events("X");
    List<String> described = new ArrayList<>();
    for (JsonNode slice : slices) {
      assertTrue(slice.get("dur").decimalValue().signum() >= 0, slice.toString());
      described.add(
          slice.get("name").asText()
              + " "
              + slice.get("tid").asInt()
              + " "
              + plain(slice.get("ts"))
              + "+"
              + plain(slice.get("dur")));
    }
    // Times are nanoseconds in the trace: 30 ms is 30000 µs.
    assertEquals(
        List.of(
            "run 0 0+3100000",
            "upload 1 0+10000",
            "upload 1 30000+970000",
            ODD + " 2 0+500000",
            "train 3 1000000+2000000"),
        described);
  }

  private static String plain(JsonNode number) {
    return number.decimalValue().stripTrailingZeros().toPlainString();
  }

  @Test
  void argumentsSayHowEachAttemptEnded() {
    Map<String, JsonNode> byAttempt = new HashMap<>();
    events("X")
        .forEach(
            slice ->
                byAttempt.put(
                    slice.get("name").asText() + "#" + slice.get("args").path("attempt").asInt(),
                    slice));
    JsonNode firstUpload = byAttempt.get("upload#1").get("args");
    assertEquals("failed, retried", firstUpload.get("outcome").asText());
    assertEquals("java.io.IOException: \"flaky\"", firstUpload.get("failure").asText());
    assertEquals(2, firstUpload.get("attempts").asInt());
    assertEquals("worker-1", firstUpload.get("thread").asText());
    JsonNode train = byAttempt.get("train#1").get("args");
    assertEquals("succeeded", train.get("outcome").asText());
    assertEquals(
        List.of("upload", ODD),
        StreamSupport.stream(train.get("depends_on").spliterator(), false)
            .map(JsonNode::asText)
            .toList());
    assertTrue(train.get("critical").asBoolean());
    assertEquals("0 s", train.get("slack").asText());
    assertEquals("failed", byAttempt.get("run#0").get("args").get("outcome").asText());
  }

  @Test
  void rowsAreNamedAfterTheirTasksInGraphOrder() {
    Map<Integer, String> names = new HashMap<>();
    Map<Integer, Integer> order = new HashMap<>();
    for (JsonNode meta : events("M")) {
      int row = meta.get("tid").asInt();
      switch (meta.get("name").asText()) {
        case "thread_name" -> names.put(row, meta.get("args").get("name").asText());
        case "thread_sort_index" -> order.put(row, meta.get("args").get("sort_index").asInt());
        case "process_name" ->
            assertEquals("taskwire ml.Pipeline", meta.get("args").get("name").asText());
        default -> throw new AssertionError("unexpected metadata " + meta);
      }
    }
    assertEquals(Map.of(0, "run", 1, "upload", 2, ODD, 3, "train", 4, "publish"), names);
    assertEquals(Map.of(0, 0, 1, 1, 2, 2, 3, 3, 4, 4), order);
  }

  @Test
  void aTaskThatNeverStartedIsAnInstantAtTheRunsEnd() {
    JsonNode instant = events("i").get(0);
    assertEquals(1, events("i").size());
    assertEquals("publish (skipped)", instant.get("name").asText());
    assertEquals(4, instant.get("tid").asInt());
    assertEquals("t", instant.get("s").asText());
    assertEquals("3100000", plain(instant.get("ts")));
  }

  @Test
  void dependenciesAreFlowArrowsWhoseEndsSitOnSlices() {
    List<JsonNode> starts = events("s");
    List<JsonNode> finishes = events("f");
    assertEquals(
        List.of("upload -> train", ODD + " -> train"),
        starts.stream().map(start -> start.get("name").asText()).toList());
    for (int i = 0; i < starts.size(); i++) {
      JsonNode start = starts.get(i);
      JsonNode finish = finishes.get(i);
      assertEquals(start.get("id"), finish.get("id"));
      assertEquals("e", finish.get("bp").asText());
      assertTrue(onASlice(start), start + " binds to no slice");
      assertTrue(onASlice(finish), finish + " binds to no slice");
    }
  }

  private static boolean onASlice(JsonNode event) {
    BigDecimal ts = event.get("ts").decimalValue();
    return events("X").stream()
        .anyMatch(
            slice ->
                slice.get("tid").equals(event.get("tid"))
                    && slice.get("ts").decimalValue().compareTo(ts) <= 0
                    && slice
                            .get("ts")
                            .decimalValue()
                            .add(slice.get("dur").decimalValue())
                            .compareTo(ts)
                        >= 0);
  }

  @Test
  void stringsAreEscapedSoTheyRoundTrip() {
    String json = ChromeTrace.string(ODD);
    assertEquals("\"say \\\"hi\\\"\\\\ \\n\\t<b>&</b> \\u0001\\u2028 ünï ☃\"", json);
    assertEquals(ODD, parse(json).asText());
  }

  @Test
  void microsecondsAreExactDecimals() {
    assertEquals("0.000", ChromeTrace.micros(0));
    assertEquals("0.007", ChromeTrace.micros(7));
    assertEquals("1234.567", ChromeTrace.micros(1_234_567));
    assertEquals("1000000.000", ChromeTrace.micros(1_000_000_000));
  }

  @Test
  void writeCreatesTheDirectoriesAndWritesUtf8(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("target/traces/run.json");
    TRACE.writeChromeJson(file);
    assertEquals(TRACE.toChromeJson(), Files.readString(file, StandardCharsets.UTF_8));
  }
}
