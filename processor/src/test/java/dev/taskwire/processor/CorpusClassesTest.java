package dev.taskwire.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.taskwire.processor.CompiledClasses.call;

import dev.taskwire.processor.Corpus.Compiled;
import dev.taskwire.processor.Corpus.Scenario;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Corpus scenarios about the class that declares the tasks: its kind, nesting and supertypes. */
class CorpusClassesTest {
  /** The runner takes any instance, so a subclass's override of a task is what runs. */
  @Test
  @Scenario("AbstractPipelineClass")
  void abstractPipelineClassRunsWithASubclassInstance() {
    Compiled scenario = Corpus.compile("AbstractPipelineClass");
    assertThat(scenario.compilation()).succeededWithoutWarnings();
    Object results = scenario.run("corpus.AbstractPipelineClassRunner", "corpus.ConcretePipeline");
    assertThat(call(results, "describe")).isEqualTo("concrete:overridden");
  }

  /** Nested records and enums are implicitly static, so valid pipelines. */
  @Test
  @Scenario("NestedRecordAndEnum")
  void nestedRecordAndEnumPipelines() throws Exception {
    Compiled scenario = Corpus.compile("NestedRecordAndEnum");
    assertThat(scenario.compilation()).succeededWithoutWarnings();
    CompiledClasses classes = scenario.classes();
    Object config = classes.construct("corpus.NestedRecordAndEnum$Config", "ab");
    assertThat(call(classes.run("corpus.NestedRecordAndEnum_ConfigRunner", config), "length"))
        .isEqualTo("hello ab".length());
    Object mode = classes.loadClass("corpus.NestedRecordAndEnum$Mode").getEnumConstants()[0];
    assertThat(call(classes.run("corpus.NestedRecordAndEnum_ModeRunner", mode), "label"))
        .isEqualTo("fast");
  }

  /** A class nested in an interface is implicitly static (and public). */
  @Test
  @Scenario("PipelineNestedInInterface")
  void pipelineNestedInAnInterface() {
    Compiled scenario = Corpus.compile("PipelineNestedInInterface");
    assertThat(scenario.compilation()).succeededWithoutWarnings();
    Object results =
        scenario.run(
            "corpus.PipelineNestedInInterface_StepsRunner",
            "corpus.PipelineNestedInInterface$Steps");
    assertThat(call(results, "count")).isEqualTo(4);
  }

  /**
   * A constant's body is an anonymous class that processors never see: its @Task is ignored (one
   * runner, for the enum), but its override of a task is what the runner calls.
   */
  @Test
  @Scenario("EnumWithConstantBodies")
  void enumWithConstantBodies() throws Exception {
    Compiled scenario = Corpus.compile("EnumWithConstantBodies");
    assertThat(scenario.compilation()).succeededWithoutWarnings();
    assertThat(scenario.compilation().generatedSourceFiles()).hasSize(1);
    CompiledClasses classes = scenario.classes();
    Object[] constants = classes.loadClass("corpus.EnumWithConstantBodies").getEnumConstants();
    assertThat(call(classes.run("corpus.EnumWithConstantBodiesRunner", constants[0]), "shout"))
        .isEqualTo("hello!");
    assertThat(call(classes.run("corpus.EnumWithConstantBodiesRunner", constants[1]), "shout"))
        .isEqualTo("HELLO!");
  }

  /** A static nested class cannot use its generic outer class's type variable. */
  @Test
  @Scenario("StaticNestedInGenericClass")
  void staticNestedClassOfAGenericClass() {
    Compiled scenario = Corpus.compile("StaticNestedInGenericClass");
    assertThat(scenario.compilation()).succeededWithoutWarnings();
    Object results =
        scenario.run(
            "corpus.StaticNestedInGenericClass_StepsRunner",
            "corpus.StaticNestedInGenericClass$Steps");
    assertThat(call(results, "count")).isEqualTo(4);
  }

  @Test
  @Scenario("InnerClassOfGenericClass")
  void innerClassOfAGenericClass() {
    Compiled scenario = Corpus.compile("InnerClassOfGenericClass");
    assertThat(scenario.compilation()).hadErrorCount(1);
    assertThat(scenario.compilation())
        .hadErrorContaining(
            "pipeline class corpus.InnerClassOfGenericClass.Steps is an inner class, but pipelines"
                + " must be top-level or static nested classes; make it static")
        .inFile(scenario.file())
        .onLineContaining("class Steps {");
  }

  @Test
  @Scenario("PipelineExtendsGenericClass")
  void pipelineWithAGenericSuperclass() {
    Compiled scenario = Corpus.compile("PipelineExtendsGenericClass");
    assertThat(scenario.compilation()).succeededWithoutWarnings();
    Object results =
        scenario.run(
            "corpus.PipelineExtendsGenericClassRunner", "corpus.PipelineExtendsGenericClass");
    assertThat(call(results, "count")).isEqualTo(2);
  }

  @Test
  @Scenario("GenericPipelineClassWithBound")
  void genericPipelineClassWithABound() {
    Compiled scenario = Corpus.compile("GenericPipelineClassWithBound");
    assertThat(scenario.compilation()).hadErrorCount(1);
    assertThat(scenario.compilation())
        .hadErrorContaining(
            "pipeline class corpus.GenericPipelineClassWithBound must not declare type parameters")
        .inFile(scenario.file())
        .onLineContaining("class GenericPipelineClassWithBound<N extends Number>");
  }

  /** Not given the bound as its result: generic tasks are rejected outright. */
  @Test
  @Scenario("GenericTaskWithBound")
  void genericTaskReturningABoundedTypeVariable() {
    Compiled scenario = Corpus.compile("GenericTaskWithBound");
    assertThat(scenario.compilation()).hadErrorCount(1);
    assertThat(scenario.compilation())
        .hadErrorContaining(
            "@Task method biggest must not declare type parameters: the runner needs the task's"
                + " exact result type")
        .inFile(scenario.file())
        .onLineContaining("<N extends Number> N biggest()");
  }

  /** Outer.Mid.Inner gets Outer_Mid_InnerRunner, and Outer.Mid its own runner. */
  @Test
  @Scenario("NestedTwoLevelsDeep")
  void staticNestedClassesTwoLevelsDeep() {
    Compiled scenario = Corpus.compile("NestedTwoLevelsDeep");
    assertThat(scenario.compilation()).succeededWithoutWarnings();
    assertThat(
            Sources.contents(scenario.compilation(), "corpus.NestedTwoLevelsDeep_Mid_InnerRunner"))
        .contains(
            "public NestedTwoLevelsDeep_Mid_InnerRunner(NestedTwoLevelsDeep.Mid.Inner pipeline)");
    CompiledClasses classes = scenario.classes();
    Object inner = classes.construct("corpus.NestedTwoLevelsDeep$Mid$Inner");
    assertThat(call(classes.run("corpus.NestedTwoLevelsDeep_Mid_InnerRunner", inner), "length"))
        .isEqualTo(5);
    Object mid = classes.construct("corpus.NestedTwoLevelsDeep$Mid");
    assertThat(call(classes.run("corpus.NestedTwoLevelsDeep_MidRunner", mid), "mid"))
        .isEqualTo("mid");
  }

  /**
   * A superclass's tasks are the superclass's own pipeline, not part of the subclass's: the error
   * says so, and how to make the task the subclass's too. The superclass still gets its runner.
   */
  @Test
  @Scenario("UnknownTaskFromSuperclass")
  void dependingOnASuperclassTaskExplainsThatTasksAreNotInherited(@TempDir Path output) {
    Compiled scenario = Corpus.compile("UnknownTaskFromSuperclass");
    assertThat(scenario.compilation()).hadErrorCount(1);
    assertThat(scenario.compilation())
        .hadErrorContaining(
            "@DependsOn(\"load\") names no @Task in Sub; load is a @Task of its superclass Base,"
                + " but inherited tasks are not part of Sub's pipeline (Base is a pipeline of its"
                + " own): declare a @Task method load in Sub (it may call Base's)")
        .inFile(scenario.file())
        .onLineContaining("@DependsOn(\"load\") String rows");
    assertThat(scenario.generatedSources(output))
        .containsExactly("corpus/UnknownTaskFromSuperclass_BaseRunner.java");
  }

  /** The fix that error suggests: each class's runner calls the override, by virtual dispatch. */
  @Test
  @Scenario("SubclassRedeclaresSuperclassTask")
  void subclassRedeclaringASuperclassTask() {
    Compiled scenario = Corpus.compile("SubclassRedeclaresSuperclassTask");
    assertThat(scenario.compilation()).succeededWithoutWarnings();
    CompiledClasses classes = scenario.classes();
    Object sub = classes.construct("corpus.SubclassRedeclaresSuperclassTask$Sub");
    assertThat(call(classes.run("corpus.SubclassRedeclaresSuperclassTask_SubRunner", sub), "count"))
        .isEqualTo("sub rows".length());
    assertThat(call(classes.run("corpus.SubclassRedeclaresSuperclassTask_BaseRunner", sub), "load"))
        .isEqualTo("sub rows");
  }

  @Test
  @Scenario("StaticAndInstanceMix")
  void staticAndInstanceTasksDependOnEachOther() {
    Compiled scenario = Corpus.compile("StaticAndInstanceMix");
    assertThat(scenario.compilation()).succeededWithoutWarnings();
    assertThat(Sources.contents(scenario.compilation(), "corpus.StaticAndInstanceMixRunner"))
        .contains("case 2 -> StaticAndInstanceMix.length(run.<String>value(1));");
    Object results =
        scenario.run("corpus.StaticAndInstanceMixRunner", "corpus.StaticAndInstanceMix", "bob");
    assertThat(call(results, "report")).isEqualTo("hello bob=9");
  }

  @Test
  @Scenario("DependsOnNonTaskMethod")
  void dependingOnAMethodWithoutTaskSaysToAddIt() {
    Compiled scenario = Corpus.compile("DependsOnNonTaskMethod");
    assertThat(scenario.compilation()).hadErrorCount(1);
    assertThat(scenario.compilation())
        .hadErrorContaining(
            "@DependsOn(\"helper\") names no @Task in DependsOnNonTaskMethod; helper is a method of"
                + " DependsOnNonTaskMethod without @Task: add @Task to it")
        .inFile(scenario.file())
        .onLineContaining("@DependsOn(\"helper\") String rows");
  }

  /** Nested Steps and top-level RunnerNamesCollide_Steps would share a runner name. */
  @Test
  @Scenario("RunnerNamesCollide")
  void twoPipelinesWhoseRunnersWouldShareAName() {
    Compiled scenario = Corpus.compile("RunnerNamesCollide");
    assertThat(scenario.compilation()).hadErrorCount(1);
    assertThat(scenario.compilation())
        .hadErrorContaining(
            "cannot generate corpus.RunnerNamesCollide_StepsRunner for pipeline class"
                + " corpus.RunnerNamesCollide_Steps: a class of that name is already part of this"
                + " compilation")
        .inFile(scenario.file())
        .onLineContaining("class RunnerNamesCollide_Steps {");
  }
}
