/**
 * A Jupyter kernel for Java cells, with the paperlab modules, ND4J's backend and XChart on its
 * classpath: {@link org.paperlab.notebook.CellEvaluator} runs cells with JShell inside the
 * kernel's JVM, {@link org.paperlab.notebook.PaperlabKernel} answers Jupyter's messages (over
 * jjava-jupyter's protocol layer), {@link org.paperlab.notebook.Notebook#display} shows images and
 * charts inline, and {@link org.paperlab.notebook.KernelSpec} writes the {@code kernel.json} that
 * {@code notebooks/run} installs inside the project.
 */
package org.paperlab.notebook;
