package dev.taskwire.samples.automl.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {
  @Test
  void parsesHeaderAndRows() {
    Table table = Csv.parse("a,b\n1,2.5\n-3,4e2\n");
    assertEquals(List.of("a", "b"), table.columns());
    assertEquals(2, table.rowCount());
    assertArrayEquals(new double[] {-3, 400}, table.row(1));
  }

  @Test
  void formatThenParseGivesTheSameNumbersExactly() {
    Table table =
        Table.of(
            List.of("x", "y"),
            List.of(new double[] {0.1 + 0.2, 1e-17}, new double[] {123456789.0, -2.5}));
    assertEquals(table, Csv.parse(Csv.format(table)));
  }

  @Test
  void errorsNameTheLine() {
    IllegalArgumentException wrongWidth =
        assertThrows(IllegalArgumentException.class, () -> Csv.parse("a,b\n1,2\n3\n"));
    assertTrue(wrongWidth.getMessage().startsWith("line 3:"), wrongWidth.getMessage());
    IllegalArgumentException notANumber =
        assertThrows(IllegalArgumentException.class, () -> Csv.parse("a,b\n1,x\n"));
    assertTrue(notANumber.getMessage().contains("line 2: column 'b'"), notANumber.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Csv.parse("a,a\n1,2\n"));
    assertThrows(IllegalArgumentException.class, () -> Csv.parse("  \n"));
  }

  @Test
  void tableAddsColumnsAndSlicesWithWraparound() {
    Table table = Table.of(List.of("x"), List.of(new double[] {1}, new double[] {2}));
    Table wider = table.withColumn("y", new double[] {10, 20});
    assertArrayEquals(new double[] {2, 20}, wider.row(1));
    assertArrayEquals(new double[] {2, 1, 2}, table.slice(1, 3).column("x"));
  }
}
