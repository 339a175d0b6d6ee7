package test;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

/** GeneratedModel does not exist until DeferralTest.ModelGenerator writes it. */
class UsesGeneratedModel {
  @Task GeneratedModel build() { return new GeneratedModel("model"); }

  @Task String describe(@DependsOn("build") GeneratedModel model) { return model.name(); }
}
