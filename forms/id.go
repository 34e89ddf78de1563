package forms

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strconv"
	"strings"
)

// ID ties a form to a practice, a person and a request (one sending of questionnaires).
type ID struct {
	Practice string // the practice's own id
	Person   int64
	Request  string // the request the form was sent with
}

// idField is the name of the hidden field that carries the sealed id.
const idField = "MutuaFormID"

const idPrefix = "mutua-form-1"

// seal writes id with its check: an HMAC-SHA256 under key, so that an id edited by hand
// (another person, another request) is told from a real one.
func (id ID) seal(key []byte) string {
	body := strings.Join([]string{idPrefix,
		base64.RawURLEncoding.EncodeToString([]byte(id.Practice)),
		strconv.FormatInt(id.Person, 10),
		base64.RawURLEncoding.EncodeToString([]byte(id.Request))}, ".")
	return body + "." + mac(key, body)
}

func mac(key []byte, body string) string {
	h := hmac.New(sha256.New, key)
	h.Write([]byte(body))
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// openID reads a sealed id without checking it; ok is false when s is not one at all.
func openID(s string) (id ID, body, sum string, ok bool) {
	parts := strings.Split(strings.TrimSpace(s), ".")
	if len(parts) != 5 || parts[0] != idPrefix {
		return ID{}, "", "", false
	}
	practice, err1 := base64.RawURLEncoding.DecodeString(parts[1])
	person, err2 := strconv.ParseInt(parts[2], 10, 64)
	request, err3 := base64.RawURLEncoding.DecodeString(parts[3])
	if err1 != nil || err2 != nil || err3 != nil {
		return ID{}, "", "", false
	}
	return ID{Practice: string(practice), Person: person, Request: string(request)},
		strings.Join(parts[:4], "."), parts[4], true
}

// verify tells whether sum is the check of body under key.
func verify(key []byte, body, sum string) bool {
	return hmac.Equal([]byte(mac(key, body)), []byte(strings.ToLower(sum)))
}
