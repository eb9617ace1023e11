// SPDX-License-Identifier: GPL-2.0
/*
 * kt-helper - what the guest tests need that busybox lacks.
 *
 *   kt-helper time CMD [ARG]...   run CMD, then print "elapsed_us=N status=S"
 *                                 (S: exit status, or 128+signal)
 *   kt-helper now                 print CLOCK_MONOTONIC in microseconds
 *   kt-helper res                 print clock_getres(CLOCK_MONOTONIC) in
 *                                 nanoseconds: 1 with high-resolution
 *                                 timers, a tick (e.g. 4000000) without
 *   kt-helper failnth N FILE [PARAMS]
 *                                 load module FILE with the Nth fault point
 *                                 of the load failing (/proc/thread-self/
 *                                 fail-nth), then print "injected=0|1
 *                                 status=0" or "... errno=E"
 *
 * Built statically on the host and copied into the test initramfs.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}

static int usage(void)
{
	fprintf(stderr, "usage: kt-helper time CMD [ARG]... | kt-helper now | kt-helper res |\n"
		"       kt-helper failnth N FILE [PARAMS]\n");
	return 2;
}

/*
 * Only the module load itself is counted: the file is opened and the
 * counter armed first, and nothing else runs in this task in between.
 */
static int cmd_failnth(const char *nth, const char *file, const char *params)
{
	char buf[32];
	int fd, ctl, ret, err;
	ssize_t len;

	fd = open(file, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		perror(file);
		return 1;
	}
	ctl = open("/proc/thread-self/fail-nth", O_RDWR | O_CLOEXEC);
	if (ctl < 0) {
		perror("kt-helper: /proc/thread-self/fail-nth");
		return 1;
	}
	if (write(ctl, nth, strlen(nth)) < 0) {
		perror("kt-helper: writing fail-nth");
		return 1;
	}
	ret = syscall(SYS_finit_module, fd, params, 0);
	err = errno;
	len = pread(ctl, buf, sizeof(buf) - 1, 0);
	buf[len > 0 ? len : 0] = '\0';
	/* Disarm it, whatever happened. */
	if (write(ctl, "0", 1) < 0)
		perror("kt-helper: resetting fail-nth");
	if (ret == 0)
		printf("injected=%d status=0\n", atoi(buf) == 0);
	else
		printf("injected=%d errno=%d (%s)\n", atoi(buf) == 0, err, strerror(err));
	return 0;
}

static int cmd_time(char **argv)
{
	long long start = now_us(), end;
	int status, code;
	pid_t pid;

	pid = fork();
	if (pid < 0) {
		perror("kt-helper: fork");
		return 1;
	}
	if (pid == 0) {
		execvp(argv[0], argv);
		fprintf(stderr, "kt-helper: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0) {
		perror("kt-helper: waitpid");
		return 1;
	}
	end = now_us();
	code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	printf("elapsed_us=%lld status=%d\n", end - start, code);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && !strcmp(argv[1], "time"))
		return cmd_time(argv + 2);
	if ((argc == 4 || argc == 5) && !strcmp(argv[1], "failnth"))
		return cmd_failnth(argv[2], argv[3], argc == 5 ? argv[4] : "");
	if (argc == 2 && !strcmp(argv[1], "res")) {
		struct timespec res;

		if (clock_getres(CLOCK_MONOTONIC, &res)) {
			perror("kt-helper: clock_getres");
			return 1;
		}
		printf("%lld\n", res.tv_sec * 1000000000LL + res.tv_nsec);
		return 0;
	}
	if (argc == 2 && !strcmp(argv[1], "now")) {
		printf("%lld\n", now_us());
		return 0;
	}
	return usage();
}
