package dev.taskwire.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.palantir.javapoet.ClassName;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each name in {@link RuntimeNames} is a class of the runtime that the processor compiles against,
 * so that a class that moves package fails here rather than in users' generated code.
 */
class RuntimeNamesTest {
  @Test
  void everyNameIsARuntimeClass() throws IllegalAccessException {
    List<ClassName> names = new ArrayList<>();
    for (Field field : RuntimeNames.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == ClassName.class) {
        names.add((ClassName) field.get(null));
      }
    }
    assertThat(names).isNotEmpty();
    for (ClassName name : names) {
      assertWithMessage("RuntimeNames' %s", name).that(exists(name.reflectionName())).isTrue();
    }
  }

  private static boolean exists(String binaryName) {
    try {
      Class.forName(binaryName, false, RuntimeNamesTest.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException missing) {
      return false;
    }
  }
}
