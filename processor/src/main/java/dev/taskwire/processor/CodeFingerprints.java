package dev.taskwire.processor;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/**
 * A fingerprint of each task's code, which a result store files results under so that editing a
 * task does not bring back its old results: the task method's own source, the source of every
 * method of the pipeline class it calls (by name, transitively), and the fingerprints of the tasks
 * it depends on, so that a change upstream invalidates what is downstream. Source is read as the
 * compiler parsed it, so formatting and comments do not count.
 *
 * <p>It does not see other classes, fields and their initial values, files or services. Where the
 * compiler gives no source (another compiler than javac, a method from a class file), the task gets
 * a fingerprint new in every build, so that its stored results are reused only within the build
 * that saved them, never stale; the processor notes that on the task.
 */
final class CodeFingerprints {
  private final Trees trees;
  private final Diagnostics diagnostics;

  /**
   * What a task whose code cannot be read is known by: new for every runner written, never the same
   * in two builds (a build tool's daemon may keep the processor's classes loaded).
   */
  private final String thisBuild = "build-" + UUID.randomUUID();

  private CodeFingerprints(Trees trees, Diagnostics diagnostics) {
    this.trees = trees;
    this.diagnostics = diagnostics;
  }

  static CodeFingerprints in(ProcessingEnvironment env, Diagnostics diagnostics) {
    Trees trees;
    try {
      trees = Trees.instance(env);
    } catch (IllegalArgumentException | LinkageError notJavac) {
      trees = null; // Eclipse's compiler, for one, has no javac trees
    }
    return new CodeFingerprints(trees, diagnostics);
  }

  /** Task name to its fingerprint, for every task of {@code model}. */
  Map<String, String> of(ResolvedPipeline model) {
    if (trees == null) {
      // One note for the class: the compiler reads no source, so no task's code is readable.
      diagnostics.note(model.type(), Messages.compilerGivesNoSource(model.type().toString()));
    }
    Map<String, List<ExecutableElement>> methods = new HashMap<>();
    for (ExecutableElement method : ElementFilter.methodsIn(model.type().getEnclosedElements())) {
      methods
          .computeIfAbsent(method.getSimpleName().toString(), name -> new ArrayList<>())
          .add(method);
    }
    Map<ExecutableElement, MethodTree> sources = methodTrees(model.type());
    Map<String, String> fingerprints = new HashMap<>();
    // Declaration order is not topological: each task waits on a stack until its prerequisites
    // have theirs (a stack of our own, since a chain may be thousands of tasks deep).
    Deque<ResolvedTask> pending = new ArrayDeque<>();
    for (ResolvedTask root : model.tasks()) {
      pending.push(root);
      while (!pending.isEmpty()) {
        ResolvedTask task = pending.peek();
        if (fingerprints.containsKey(task.name())) {
          pending.pop();
          continue;
        }
        boolean ready = true;
        for (ResolvedDependency dependency : task.dependencies()) {
          ResolvedTask upstream = model.tasks().get(dependency.upstream());
          if (!fingerprints.containsKey(upstream.name())) {
            pending.push(upstream);
            ready = false;
          }
        }
        if (ready) {
          pending.pop();
          fingerprints.put(task.name(), fingerprint(task, model, methods, sources, fingerprints));
        }
      }
    }
    return fingerprints;
  }

  /** The fingerprint of {@code task}, whose prerequisites have theirs in {@code fingerprints}. */
  private String fingerprint(
      ResolvedTask task,
      ResolvedPipeline model,
      Map<String, List<ExecutableElement>> methods,
      Map<ExecutableElement, MethodTree> sources,
      Map<String, String> fingerprints) {
    MessageDigest digest = sha256();
    update(digest, ownCode(task, methods, sources));
    for (ResolvedDependency dependency : task.dependencies()) {
      update(digest, fingerprints.get(model.tasks().get(dependency.upstream()).name()));
    }
    return HexFormat.of().formatHex(digest.digest(), 0, 12);
  }

  /** The source of the task method and of the class's methods it calls, or this build's mark. */
  private String ownCode(
      ResolvedTask task,
      Map<String, List<ExecutableElement>> methods,
      Map<ExecutableElement, MethodTree> sources) {
    StringBuilder code = new StringBuilder();
    Set<ExecutableElement> seen = new HashSet<>();
    Deque<ExecutableElement> toRead = new ArrayDeque<>(List.of(task.method()));
    while (!toRead.isEmpty()) {
      ExecutableElement method = toRead.pop();
      if (!seen.add(method)) {
        continue;
      }
      if (trees == null) {
        return thisBuild;
      }
      MethodTree tree = sources.get(method);
      if (tree == null) {
        diagnostics.note(
            task.method(),
            Messages.codeNotReadable(task.name(), method.getSimpleName().toString()));
        return thisBuild;
      }
      // Its signature and body: settings such as @Task(timeout) do not change what it returns.
      code.append(tree.getReturnType())
          .append(' ')
          .append(tree.getName())
          .append(tree.getParameters())
          .append(tree.getBody())
          .append('\n');
      for (String called : calledNames(tree)) {
        toRead.addAll(methods.getOrDefault(called, List.of()));
      }
    }
    return code.toString();
  }

  /**
   * The source of each method declared in {@code type}, read once: javac finds the tree of one
   * element by scanning its class, which made a pipeline of 10,000 tasks quadratic. Empty where the
   * compiler gives no source.
   */
  private Map<ExecutableElement, MethodTree> methodTrees(TypeElement type) {
    TreePath classPath = trees == null ? null : trees.getPath(type);
    if (classPath == null || !(classPath.getLeaf() instanceof ClassTree declaration)) {
      return Map.of();
    }
    Map<ExecutableElement, MethodTree> sources = new HashMap<>();
    for (Tree member : declaration.getMembers()) {
      if (member instanceof MethodTree method
          && trees.getElement(new TreePath(classPath, method)) instanceof ExecutableElement read) {
        sources.put(read, method);
      }
    }
    return sources;
  }

  /**
   * The names of the methods {@code method} calls without a receiver, on {@code this} or on a class
   * name, and refers to with {@code ::}: any of them may be the pipeline's own. A name of another
   * class's method that the pipeline also has is read too: that only costs a reuse.
   */
  private static Set<String> calledNames(MethodTree method) {
    Set<String> names = new TreeSet<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (call.getMethodSelect() instanceof IdentifierTree name) {
          names.add(name.getName().toString());
        } else if (call.getMethodSelect() instanceof MemberSelectTree member) {
          names.add(member.getIdentifier().toString());
        }
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitMemberReference(MemberReferenceTree reference, Void unused) {
        names.add(reference.getName().toString());
        return super.visitMemberReference(reference, null);
      }
    }.scan(method.getBody(), null);
    return names;
  }

  private static void update(MessageDigest digest, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
    digest.update((byte) ':');
    digest.update(bytes);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException everyJavaHasIt) {
      throw new IllegalStateException(everyJavaHasIt);
    }
  }
}
