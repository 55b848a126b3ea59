package ckpt.usercode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The snippet classes as jar entries, for the job jar. Every snippet class goes, not only those a job's functions
 * name: a lambda is deserialized through its wrapper's {@code $deserializeLambda$}, a function may use a record
 * or a method of another snippet, and a few kilobytes of unused classes cost nothing. The bytes are the originals
 * ({@link SnippetClasses#loaded}): woven classes call {@code ckpt.shell.SnippetGuard}, which no cluster has.
 */
public final class SnippetJar {
    private SnippetJar() {
    }

    /** Jar entry name ({@code REPL/$JShell$5$MyFn.class}) → the class's original bytes. */
    public static Map<String, byte[]> entries() {
        Map<String, byte[]> out = new LinkedHashMap<>();
        SnippetClasses.all().forEach((name, bytes) -> out.put(name.replace('.', '/') + ".class", bytes));
        return out;
    }
}
