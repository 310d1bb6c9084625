package io.junction.server;

import io.junction.server.auth.PasswordHasher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * {@code junction-server hash-password}: reads one password and prints the stored form for a user's
 * {@code password-hash}. At a terminal the password is typed twice without echo; otherwise the first
 * line of standard input is the password, so that scripts can pipe it in.
 */
@Command(name = "hash-password", mixinStandardHelpOptions = true,
        description = {"Reads a password from standard input and prints its hash for users[].password-hash.",
            "At a terminal it asks twice without echo; from a pipe it reads the first line (UTF-8)."})
final class HashPasswordCommand implements Callable<Integer> {
    static final int MAX_PASSWORD_CHARS = 1024;

    private final InputStream stdin;
    private final Console console;

    @Spec
    private CommandSpec spec;

    /** @param console the terminal, or null when standard input or output is not one */
    HashPasswordCommand(InputStream stdin, Console console) {
        this.stdin = stdin;
        this.console = console;
    }

    @Override
    public Integer call() throws IOException {
        char[] password = console != null ? readFromConsole() : readFirstLine();
        if (password == null) {
            return 1;
        }
        try {
            spec.commandLine().getOut().println(new PasswordHasher().hash(password));
            spec.commandLine().getOut().flush();
            return 0;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private char[] readFromConsole() {
        char[] first = console.readPassword("Password: ");
        char[] second = first == null || first.length == 0 ? null : console.readPassword("Repeat password: ");
        try {
            if (first == null || first.length == 0) {
                return fail("no password given");
            }
            if (!Arrays.equals(first, second)) {
                return fail("the two passwords differ");
            }
            return first.clone();
        } finally {
            wipe(first);
            wipe(second);
        }
    }

    /** Reads up to the first line break into a char array, never a String, so no copy outlives this call. */
    private char[] readFirstLine() throws IOException {
        Reader reader = new InputStreamReader(stdin, StandardCharsets.UTF_8);
        // One more than the limit, for the carriage return of a Windows line end.
        char[] buffer = new char[MAX_PASSWORD_CHARS + 1];
        int length = 0;
        int c;
        while ((c = reader.read()) != -1 && c != '\n') {
            if (length == buffer.length) {
                wipe(buffer);
                return fail("the password is longer than " + MAX_PASSWORD_CHARS + " characters");
            }
            buffer[length++] = (char) c;
        }
        if (length > 0 && buffer[length - 1] == '\r') {
            length--;
        }
        if (length > MAX_PASSWORD_CHARS) {
            wipe(buffer);
            return fail("the password is longer than " + MAX_PASSWORD_CHARS + " characters");
        }
        char[] password = Arrays.copyOf(buffer, length);
        wipe(buffer);
        if (password.length == 0) {
            return fail("no password on standard input (pipe it in: printf '%s\\n' 'secret' | junction-server "
                    + "hash-password)");
        }
        return password;
    }

    private char[] fail(String problem) {
        spec.commandLine().getErr().println("hash-password: " + problem);
        spec.commandLine().getErr().flush();
        return null;
    }

    private static void wipe(char[] chars) {
        if (chars != null) {
            Arrays.fill(chars, '\0');
        }
    }
}
