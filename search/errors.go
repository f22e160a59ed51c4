package search

import "seisaku/search/internal/errs"

// Error codes. search/web maps them to HTTP statuses in one place.
const (
	EInvalid  = errs.EInvalid  // the request is malformed: 400
	ENotFound = errs.ENotFound // no such document or passage: 404
	ETooLarge = errs.ETooLarge // the request exceeds a bound: 413/400
	EInternal = errs.EInternal // anything else: 500
)

// Error is a domain error with a code and a message a person can act on.
// Every stage of a search returns it.
type Error = errs.Error

// Errorf returns an *Error with code and a formatted message.
func Errorf(code, format string, args ...any) *Error { return errs.Errorf(code, format, args...) }

// ErrorCode returns the code of err, EInternal when it carries none.
func ErrorCode(err error) string { return errs.Code(err) }

// ErrorMessage returns the user-facing message of err.
func ErrorMessage(err error) string { return errs.Message(err) }
