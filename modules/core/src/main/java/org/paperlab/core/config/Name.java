package org.paperlab.core.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The name of one variant of a sealed family of records, as users write it on the command line
 * and as run.json records it: {@code @Name("sqrt-t") record InvSqrtT(double c) implements
 * Schedule}. Every permitted record of a family that {@link Variants} reads carries one, and the
 * names of a family are distinct. Enum constants need none: their name in lower case with
 * {@code -} for {@code _} is theirs ({@code ONE_SHOT} is {@code one-shot}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Name {
  /** The variant's name: lower case, words joined by {@code -}. */
  String value();
}
