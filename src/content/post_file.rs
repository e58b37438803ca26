//! Reading one post's file, within limits: only a regular file (not a FIFO that would block,
//! not a device that never ends) and never more than [`MAX_POST_BYTES`].

use std::io::Read;
use std::path::Path;

use super::problem::Problem;

/// Larger files are not read: no blog post comes near this, and laying out more would cost
/// more memory than a reader should take.
pub const MAX_POST_BYTES: u64 = 4 * 1024 * 1024;

/// The bytes of the post at `path`, or the problem that explains why it was not read.
pub fn read(path: &Path) -> Result<Vec<u8>, Problem> {
    let unreadable = |error: std::io::Error| {
        Problem::error(
            1,
            format!("can't be read: {}", crate::error::reason(&error)),
        )
    };
    // Asked before opening: opening a FIFO for reading waits for a writer.
    let metadata = std::fs::metadata(path).map_err(unreadable)?;
    check(&metadata)?;
    let file = std::fs::File::open(path).map_err(unreadable)?;
    // Asked again of what was opened, in case the name was pointed elsewhere meanwhile.
    let metadata = file.metadata().map_err(unreadable)?;
    check(&metadata)?;
    // Sized from the file's length, the read takes one call instead of a growing series.
    let mut bytes = Vec::with_capacity(metadata.len() as usize + 1);
    file.take(MAX_POST_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > MAX_POST_BYTES {
        return Err(too_large());
    }
    Ok(bytes)
}

/// A post's bytes from a stream (standard input), within the same limit; the stream is read no
/// further than one byte past it. Nothing at all is an error: a pipe whose writer failed.
pub fn read_stream(stream: impl Read) -> Result<Vec<u8>, Problem> {
    let mut bytes = Vec::new();
    stream
        .take(MAX_POST_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| {
            Problem::error(
                1,
                format!("can't be read: {}", crate::error::reason(&error)),
            )
        })?;
    if bytes.len() as u64 > MAX_POST_BYTES {
        let limit = MAX_POST_BYTES / (1024 * 1024);
        return Err(Problem::error(
            1,
            format!("larger than {limit} MB; not read"),
        ));
    }
    if bytes.is_empty() {
        return Err(Problem::error(1, "empty: nothing was piped in"));
    }
    Ok(bytes)
}

fn check(metadata: &std::fs::Metadata) -> Result<(), Problem> {
    if !metadata.is_file() {
        return Err(Problem::error(1, "not a regular file; skipped"));
    }
    if metadata.len() > MAX_POST_BYTES {
        return Err(too_large());
    }
    Ok(())
}

fn too_large() -> Problem {
    let limit = MAX_POST_BYTES / (1024 * 1024);
    Problem::error(1, format!("larger than {limit} MB; skipped"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stream_is_read_within_the_limit_and_not_past_it() {
        assert_eq!(read_stream(&b"# Hi\n"[..]).unwrap(), b"# Hi\n");
        assert_eq!(
            read_stream(&b""[..]).unwrap_err().message,
            "empty: nothing was piped in"
        );
        let endless = std::io::repeat(b'x');
        assert_eq!(
            read_stream(endless).unwrap_err().message,
            "larger than 4 MB; not read"
        );
    }

    #[test]
    fn only_regular_files_within_the_limit_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let post = dir.path().join("post.md");
        std::fs::write(&post, "# Hi\n").unwrap();
        assert_eq!(read(&post).unwrap(), b"# Hi\n");

        let big = dir.path().join("big.md");
        let file = std::fs::File::create(&big).unwrap();
        file.set_len(2 * 1024 * 1024 * 1024).unwrap();
        assert_eq!(read(&big).unwrap_err().message, "larger than 4 MB; skipped");

        assert_eq!(
            read(dir.path()).unwrap_err().message,
            "not a regular file; skipped"
        );
        #[cfg(unix)]
        {
            let zero = dir.path().join("zero.md");
            std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
            assert_eq!(
                read(&zero).unwrap_err().message,
                "not a regular file; skipped"
            );
        }
    }
}
