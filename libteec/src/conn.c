// SPDX-License-Identifier: BSD-2-Clause
/*
 * The connection to the daemon: one Unix stream socket shared by every
 * thread of a context. Requests carry ids and replies come in any order.
 *
 * There is no reader thread. A thread waiting for its reply reads the
 * socket itself when no other thread does (it leads): it hands the
 * replies of other threads to them and, once its own has come, passes the
 * lead to a thread still waiting. A lone caller thus costs one write and
 * one read, as a bare socket round trip does. TEEC_RequestCancellation
 * writes its CANCEL frame itself, so the leader never has to poll.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "teec_private.h"

/* socketBuffer as in the Go client: large memrefs cross in few wake-ups. */
#define SOCKET_BUFFER (4 << 20)
/* How long InitializeContext waits for the daemon's HELLO reply. */
#define HELLO_TIMEOUT_S 10
/* Read buffer size the leader starts with and keeps. */
#define RBUF_MIN (64u << 10)

void teec_call_init(struct teec_call *w)
{
	memset(w, 0, offsetof(struct teec_call, small));
	w->next = w->prev = NULL;
	pthread_cond_init(&w->cond, NULL);
}

void teec_call_destroy(struct teec_call *w)
{
	if (w->body && w->body != w->small)
		free(w->body);
	w->body = NULL;
	pthread_cond_destroy(&w->cond);
}

void teec_conn_get(struct teec_conn *c)
{
	__atomic_add_fetch(&c->refs, 1, __ATOMIC_RELAXED);
}

void teec_conn_put(struct teec_conn *c)
{
	if (__atomic_sub_fetch(&c->refs, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	close(c->fd);
	pthread_mutex_destroy(&c->wmu);
	pthread_mutex_destroy(&c->mu);
	free(c->rbuf);
	free(c);
}

uint64_t teec_conn_new_id(struct teec_conn *c)
{
	return __atomic_add_fetch(&c->next_id, 1, __ATOMIC_RELAXED);
}

/* teec_conn_register gives w a new id and makes it pending; false once the
 * connection is broken. */
bool teec_conn_register(struct teec_conn *c, struct teec_call *w)
{
	w->id = teec_conn_new_id(c);
	pthread_mutex_lock(&c->mu);
	if (c->broken) {
		pthread_mutex_unlock(&c->mu);
		return false;
	}
	w->prev = NULL;
	w->next = c->pending;
	if (c->pending)
		c->pending->prev = w;
	c->pending = w;
	pthread_mutex_unlock(&c->mu);
	return true;
}

/* unlink removes w from the pending list; mu is held. */
static void unlink_call(struct teec_conn *c, struct teec_call *w)
{
	if (w->prev)
		w->prev->next = w->next;
	else if (c->pending == w)
		c->pending = w->next;
	if (w->next)
		w->next->prev = w->prev;
	w->next = w->prev = NULL;
}

/* teec_conn_forget drops a call whose request could not be sent. */
void teec_conn_forget(struct teec_conn *c, struct teec_call *w)
{
	pthread_mutex_lock(&c->mu);
	if (!w->done)
		unlink_call(c, w);
	pthread_mutex_unlock(&c->mu);
}

/*
 * teec_conn_fail breaks the connection: every pending and later call
 * fails with TEEC_ERROR_COMMUNICATION. The socket is shut down, not
 * closed, so that its fd is not reused while other threads still use it.
 */
void teec_conn_fail(struct teec_conn *c)
{
	pthread_mutex_lock(&c->mu);
	c->broken = true;
	while (c->pending) {
		struct teec_call *w = c->pending;
		unlink_call(c, w);
		w->failed = w->done = true;
		pthread_cond_signal(&w->cond);
	}
	pthread_mutex_unlock(&c->mu);
	shutdown(c->fd, SHUT_RDWR);
}

/* teec_conn_close is what TEEC_FinalizeContext does to the connection. */
void teec_conn_close(struct teec_conn *c)
{
	teec_conn_fail(c);
	teec_conn_put(c);
}

/*
 * teec_conn_send writes one frame, given as iovecs, under the write lock,
 * with passfd (unless -1) attached as SCM_RIGHTS. It returns 0 or an
 * errno. MSG_NOSIGNAL: a closed daemon must not kill the client with
 * SIGPIPE.
 */
int teec_conn_send(struct teec_conn *c, struct iovec *iov, int n, int passfd)
{
	union {
		struct cmsghdr h;
		char buf[CMSG_SPACE(sizeof(int))];
	} cm;
	struct msghdr msg;
	int err = 0;

	memset(&msg, 0, sizeof(msg));
	msg.msg_iov = iov;
	msg.msg_iovlen = (size_t)n;
	if (passfd >= 0) {
		memset(&cm, 0, sizeof(cm));
		msg.msg_control = cm.buf;
		msg.msg_controllen = sizeof(cm.buf);
		struct cmsghdr *h = CMSG_FIRSTHDR(&msg);
		h->cmsg_level = SOL_SOCKET;
		h->cmsg_type = SCM_RIGHTS;
		h->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(h), &passfd, sizeof(int));
	}
	pthread_mutex_lock(&c->wmu);
	while (msg.msg_iovlen > 0) {
		ssize_t k = sendmsg(c->fd, &msg, MSG_NOSIGNAL);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			err = errno;
			break;
		}
		/* Ancillary data went with the first bytes. */
		msg.msg_control = NULL;
		msg.msg_controllen = 0;
		size_t left = (size_t)k;
		while (msg.msg_iovlen > 0 && left >= msg.msg_iov[0].iov_len) {
			left -= msg.msg_iov[0].iov_len;
			msg.msg_iov++;
			msg.msg_iovlen--;
		}
		if (msg.msg_iovlen > 0) {
			msg.msg_iov[0].iov_base = (char *)msg.msg_iov[0].iov_base + left;
			msg.msg_iov[0].iov_len -= left;
		}
	}
	pthread_mutex_unlock(&c->wmu);
	return err;
}

/* teec_conn_send_cancel sends CANCEL without flags for request target:
 * TEEC_RequestCancellation. A failure is the leader's to notice. */
void teec_conn_send_cancel(struct teec_conn *c, uint64_t target)
{
	uint8_t f[W_HEADER + 12];
	struct iovec iov = { f, sizeof(f) };

	teec_put_header(f, W_CANCEL, teec_conn_new_id(c), 12);
	put64(f + W_HEADER, target);
	put32(f + W_HEADER + 8, 0);
	(void)teec_conn_send(c, &iov, 1, -1);
}

/* fill reads more bytes into the leader's buffer, so that it holds at
 * least need bytes from roff. It returns false when the connection is
 * gone or need exceeds what the frame limit allows. */
static bool fill(struct teec_conn *c, size_t need)
{
	if (c->roff > 0 && c->roff + need > c->rcap) {
		memmove(c->rbuf, c->rbuf + c->roff, c->rlen - c->roff);
		c->rlen -= c->roff;
		c->roff = 0;
	}
	if (need > c->rcap) {
		uint8_t *nb = realloc(c->rbuf, need);
		if (!nb)
			return false;
		c->rbuf = nb;
		c->rcap = need;
	}
	while (c->rlen - c->roff < need) {
		ssize_t k = recv(c->fd, c->rbuf + c->rlen, c->rcap - c->rlen, 0);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return false;
		c->rlen += (size_t)k;
	}
	return true;
}

/* shrink gives back a read buffer grown for one large frame. */
static void shrink(struct teec_conn *c)
{
	if (c->rcap > RBUF_MIN && c->rlen - c->roff <= RBUF_MIN) {
		memmove(c->rbuf, c->rbuf + c->roff, c->rlen - c->roff);
		c->rlen -= c->roff;
		c->roff = 0;
		uint8_t *nb = realloc(c->rbuf, RBUF_MIN);
		if (nb) {
			c->rbuf = nb;
			c->rcap = RBUF_MIN;
		}
	}
}

/*
 * lead reads frames and hands them to their calls until self's reply has
 * come or the connection fails.
 */
static void lead(struct teec_conn *c, struct teec_call *self)
{
	uint32_t limit = c->max_frame > W_DEFAULT_MAX_FRAME ? c->max_frame : W_DEFAULT_MAX_FRAME;

	for (;;) {
		if (!fill(c, W_HEADER))
			goto broken;
		const uint8_t *h = c->rbuf + c->roff;
		uint32_t len = get32(h);
		uint8_t type = h[4];
		uint64_t id = get64(h + 8);
		if (h[5] || h[6] || h[7] || (uint64_t)len + W_HEADER > limit || !(type & W_REPLY))
			goto broken;
		if (!fill(c, W_HEADER + (size_t)len))
			goto broken;
		const uint8_t *body = c->rbuf + c->roff + W_HEADER;

		pthread_mutex_lock(&c->mu);
		struct teec_call *w;
		for (w = c->pending; w && w->id != id; w = w->next)
			;
		if (w)
			unlink_call(c, w);
		pthread_mutex_unlock(&c->mu);

		if (w) {
			/* w is off the list: nobody else touches it until done. */
			uint8_t *dst = w->small;
			if (len > sizeof(w->small))
				dst = malloc(len);
			if (dst)
				memcpy(dst, body, len);
			pthread_mutex_lock(&c->mu);
			w->body = dst;
			w->len = len;
			w->type = type;
			w->failed = dst == NULL;
			w->done = true;
			if (w != self)
				pthread_cond_signal(&w->cond);
			pthread_mutex_unlock(&c->mu);
		}
		c->roff += W_HEADER + (size_t)len;
		if (c->roff == c->rlen)
			c->roff = c->rlen = 0;
		shrink(c);
		if (w == self)
			return;
	}
broken:
	teec_conn_fail(c);
}

/* teec_conn_wait waits until w's reply has come or the connection broke,
 * reading the socket when no other thread does. */
void teec_conn_wait(struct teec_conn *c, struct teec_call *w)
{
	pthread_mutex_lock(&c->mu);
	while (!w->done) {
		if (!c->leading) {
			c->leading = true;
			pthread_mutex_unlock(&c->mu);
			lead(c, w);
			pthread_mutex_lock(&c->mu);
			c->leading = false;
			/* Pass the lead: every pending call still waits. */
			if (c->pending)
				pthread_cond_signal(&c->pending->cond);
			continue;
		}
		pthread_cond_wait(&w->cond, &c->mu);
	}
	pthread_mutex_unlock(&c->mu);
}

/* dial_error maps a failure to reach the socket as the Go client does:
 * nobody listening is ITEM_NOT_FOUND, as OP-TEE reports a missing TEE. */
static TEEC_Result dial_error(int e)
{
	switch (e) {
	case ENOENT:
	case ECONNREFUSED:
	case ENOTDIR:
		return TEEC_ERROR_ITEM_NOT_FOUND;
	case EACCES:
	case EPERM:
		return TEEC_ERROR_ACCESS_DENIED;
	case ENOMEM:
	case ENOBUFS:
		return TEEC_ERROR_OUT_OF_MEMORY;
	}
	return TEEC_ERROR_COMMUNICATION;
}

/* hello negotiates the protocol version and learns the frame limit. */
static TEEC_Result hello(struct teec_conn *c)
{
	uint8_t f[W_HEADER + 8];
	struct teec_call w;
	uint32_t origin;
	struct timeval tv = { HELLO_TIMEOUT_S, 0 }, zero = { 0, 0 };

	put32(f + W_HEADER, 1);
	put32(f + W_HEADER + 4, W_VERSION);
	setsockopt(c->fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	teec_call_init(&w);
	TEEC_Result res = teec_roundtrip(c, W_HELLO, f, sizeof(f), -1, &w, &origin, 12);
	if (res == TEEC_SUCCESS) {
		uint32_t version = get32(w.body + 8), max = get32(w.body + 12);
		if (version != W_VERSION || max < W_MIN_MAX_FRAME)
			res = TEEC_ERROR_COMMUNICATION;
		c->max_frame = max;
	}
	teec_call_destroy(&w);
	setsockopt(c->fd, SOL_SOCKET, SO_RCVTIMEO, &zero, sizeof(zero));
	return res;
}

/* teec_conn_dial connects to the daemon at path and says HELLO. */
TEEC_Result teec_conn_dial(const char *path, struct teec_conn **out)
{
	struct sockaddr_un sa;
	size_t n = strlen(path);

	if (n == 0 || n >= sizeof(sa.sun_path))
		return TEEC_ERROR_COMMUNICATION;
	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	memcpy(sa.sun_path, path, n);

	struct teec_conn *c = calloc(1, sizeof(*c));
	if (!c)
		return TEEC_ERROR_OUT_OF_MEMORY;
	c->rbuf = malloc(RBUF_MIN);
	if (!c->rbuf) {
		free(c);
		return TEEC_ERROR_OUT_OF_MEMORY;
	}
	c->rcap = RBUF_MIN;
	c->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (c->fd < 0) {
		TEEC_Result r = dial_error(errno);
		free(c->rbuf);
		free(c);
		return r;
	}
	int sz = SOCKET_BUFFER;
	setsockopt(c->fd, SOL_SOCKET, SO_SNDBUF, &sz, sizeof(sz));
	setsockopt(c->fd, SOL_SOCKET, SO_RCVBUF, &sz, sizeof(sz));
	c->refs = 1;
	c->max_frame = W_DEFAULT_MAX_FRAME;
	pthread_mutex_init(&c->wmu, NULL);
	pthread_mutex_init(&c->mu, NULL);
	int r;
	do {
		r = connect(c->fd, (struct sockaddr *)&sa, sizeof(sa));
	} while (r < 0 && errno == EINTR);
	if (r < 0) {
		TEEC_Result res = dial_error(errno);
		teec_conn_put(c);
		return res;
	}
	TEEC_Result res = hello(c);
	if (res != TEEC_SUCCESS) {
		teec_conn_close(c);
		return res;
	}
	*out = c;
	return TEEC_SUCCESS;
}
