package ckpt.error;

/**
 * A user-facing error: its message is one line that names what was wrong and where (file, line, option,
 * allowed values). The shell prints the message alone, without a stack trace, and keeps running.
 */
public class CkptException extends RuntimeException {
    public CkptException(String message) {
        super(message);
    }

    public CkptException(String message, Throwable cause) {
        super(message, cause);
    }
}
