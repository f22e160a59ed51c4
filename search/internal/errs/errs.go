// Package errs is the search service's domain error: a code that search/web
// maps to an HTTP status in one place, and a message a person can act on.
// Package search re-exports it as search.Error; the stages return it.
package errs

import (
	"errors"
	"fmt"
)

// Error codes. search/web maps them to HTTP statuses in one place.
const (
	EInvalid  = "invalid"   // the request is malformed: 400
	ENotFound = "not_found" // no such document or passage: 404
	ETooLarge = "too_large" // the request exceeds a bound: 413/400
	EInternal = "internal"  // anything else: 500
)

// Error is a domain error with a code and a message a person can act on.
type Error struct {
	Code    string
	Message string
	Err     error // the underlying cause, if any
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %v", e.Message, e.Err)
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Code returns the code of err, EInternal when it carries none.
func Code(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}

// Message returns the user-facing message of err.
func Message(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}
