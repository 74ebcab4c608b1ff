package org.paperlab.notebook;

import java.lang.reflect.Field;
import jdk.jshell.execution.LocalExecutionControl;

/**
 * JShell's in-process execution engine, with two additions the kernel needs: it remembers the
 * wrapper class of the last snippet it ran (so the kernel can read a value as an object, not only
 * as JShell's text of it) and whether that run was stopped.
 *
 * <p>The cells' classes load into a class loader whose parent is the kernel's own, so a cell
 * sees the kernel's classpath (the paperlab modules, ND4J, XChart) and its static state. Running a
 * snippet goes through {@link LocalExecutionControl}'s thread, which {@link #stop()} can stop.
 */
final class InProcessControl extends LocalExecutionControl {
  private volatile String lastClass;
  private volatile boolean stopped;
  /** A snippet is being invoked: a stop now is this run's. */
  private volatile boolean running;

  /** Forgets the last run: call before evaluating a snippet. */
  void reset() {
    lastClass = null;
    stopped = false;
  }

  /** The wrapper class of the snippet run since {@link #reset()}, or null if none ran. */
  String lastClass() {
    return lastClass;
  }

  /** Whether the run since {@link #reset()} was stopped. */
  boolean stopped() {
    return stopped;
  }

  @Override
  public String invoke(String className, String methodName)
      throws RunException, InternalException, EngineTerminationException {
    lastClass = className;
    running = true;
    try {
      return super.invoke(className, methodName);
    } catch (StoppedException e) {
      stopped = true;
      throw e;
    } finally {
      running = false;
    }
  }

  /**
   * Stops the running snippet. The run counts as stopped even when the JDK's stop lands before
   * the snippet's own code (a {@code ThreadDeath} outside the engine's handler lets {@code invoke}
   * return as if the snippet had finished); a stop while no snippet runs does nothing.
   */
  @Override
  public void stop() throws EngineTerminationException, InternalException {
    if (running) {
      stopped = true;
    }
    super.stop();
  }

  /**
   * The object in static field {@code name} of the snippet wrapper class {@code className} (where
   * JShell keeps a variable's value), or {@code fallback} when it cannot be read.
   */
  Object value(String className, String name, Object fallback) {
    if (className == null) {
      return fallback;
    }
    try {
      Field f = findClass(className).getDeclaredField(name);
      f.setAccessible(true);
      return f.get(null);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return fallback;
    }
  }
}
