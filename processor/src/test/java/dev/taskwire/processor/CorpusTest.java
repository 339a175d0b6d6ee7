package dev.taskwire.processor;

import static com.google.common.truth.Truth.assertThat;

import dev.taskwire.processor.Corpus.Scenario;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every scenario of the {@link Corpus}, compiled on its own: whether it is a valid pipeline or not,
 * the processor never throws and what it generates compiles without a warning. What each scenario
 * must do besides is the subject of its own test, in the classes of {@link #TESTS}.
 */
class CorpusTest {
  /** The classes with one {@link Scenario} test per corpus scenario. */
  private static final List<Class<?>> TESTS =
      List.of(
          CorpusPlacementTest.class,
          CorpusClassesTest.class,
          CorpusMissingTypesTest.class,
          CorpusTypesTest.class,
          CorpusNamesTest.class);

  static List<String> scenarios() {
    return Corpus.scenarios();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void processorNeverThrowsAndItsRunnersCompileCleanly(String scenario) {
    Corpus.compile(scenario);
  }

  @Test
  void corpusHasEnoughScenarios() {
    assertThat(Corpus.scenarios().size()).isAtLeast(40);
  }

  @Test
  void everyScenarioHasItsOwnTestAndEveryTestItsScenario() {
    List<String> tested =
        TESTS.stream()
            .flatMap(test -> Arrays.stream(test.getDeclaredMethods()))
            .map(method -> method.getAnnotation(Scenario.class))
            .filter(scenario -> scenario != null)
            .map(Scenario::value)
            .toList();
    Set<String> testedOnce = new TreeSet<>(tested);
    assertThat(tested).containsNoDuplicates();
    assertThat(testedOnce).containsExactlyElementsIn(Corpus.scenarios());
  }

  /** Tests of scenarios must say which: a forgotten @Scenario would go unnoticed otherwise. */
  @Test
  void everyTestOfTheCorpusNamesItsScenario() {
    Set<String> unmarked =
        TESTS.stream()
            .flatMap(test -> Arrays.stream(test.getDeclaredMethods()))
            .filter(method -> method.isAnnotationPresent(Test.class))
            .filter(method -> !method.isAnnotationPresent(Scenario.class))
            .map(Method::getName)
            .collect(Collectors.toSet());
    assertThat(unmarked).isEmpty();
  }
}
