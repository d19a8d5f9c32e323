//! Times for people: seconds since the epoch as a date and time, local or UTC.

/// `YYYY-MM-DD HH:MM +HHMM` in the local time zone (`TZ`), from seconds since the
/// epoch; in UTC where the zone cannot be read.
pub fn local_time(secs: u64) -> String {
    match utc_offset(secs) {
        Some(0) | None => utc_time(secs),
        Some(offset) => {
            let local = (secs as i64 + offset).max(0) as u64;
            let shown = utc_time(local);
            let sign = if offset < 0 { '-' } else { '+' };
            let minutes = offset.unsigned_abs() / 60;
            format!(
                "{} {sign}{:02}{:02}",
                shown.trim_end_matches(" UTC"),
                minutes / 60,
                minutes % 60
            )
        }
    }
}

/// The local zone's offset from UTC at `secs`, in seconds.
#[cfg(unix)]
fn utc_offset(secs: u64) -> Option<i64> {
    let time = libc::time_t::try_from(secs).ok()?;
    // SAFETY: localtime_r writes only into `tm`, which lives on this stack frame; tzset
    // reads TZ first, as localtime_r alone need not.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    let filled = unsafe {
        tzset();
        !libc::localtime_r(&time, &mut tm).is_null()
    };
    // `c_long`: 32 bits on some systems.
    #[allow(clippy::useless_conversion)]
    let offset = i64::from(tm.tm_gmtoff);
    filled.then_some(offset)
}

#[cfg(unix)]
unsafe extern "C" {
    /// POSIX: reads `TZ` into the C library's zone (the `libc` crate does not bind it).
    fn tzset();
}

#[cfg(not(unix))]
fn utc_offset(_secs: u64) -> Option<i64> {
    None
}

/// `YYYY-MM-DD HH:MM UTC` from seconds since the epoch.
pub fn utc_time(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rest = secs % 86_400;
    // Howard Hinnant's days-to-civil algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02} UTC",
        rest / 3600,
        (rest % 3600) / 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_times() {
        assert_eq!(utc_time(0), "1970-01-01 00:00 UTC");
        assert_eq!(utc_time(951_782_400), "2000-02-29 00:00 UTC");
        assert_eq!(utc_time(1_795_239_000), "2026-11-21 05:30 UTC");
    }
}
