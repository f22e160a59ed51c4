# seisaku: search for Japanese local-government policy documents.
#
#   docker build -t seisaku --build-arg VERSION=$(git describe --always --dirty) .
#   docker run -p 8080:8080 seisaku                       # the bundled samples, in memory
#   docker run -v "$PWD/docs:/docs:ro" -v seisaku-index:/index seisaku index -index /index /docs
#   docker run -p 8080:8080 -v seisaku-index:/index:ro seisaku serve -index /index
#
# The same build command runs outside Docker (see README "Container").
# --target static builds the distroless image without OCR.

FROM golang:1.26-bookworm AS build
WORKDIR /src
# module download cached in its own layer
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/seisaku ./cmd/seisaku

# The smallest image: no OCR, so scanned PDF pages are skipped with that
# reason (docker build --target static).
FROM gcr.io/distroless/static-debian12:nonroot AS static
COPY --from=build /out/seisaku /usr/local/bin/seisaku
USER nonroot:nonroot
VOLUME ["/index"]
ENV SEISAKU_ADDR=:8080
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=60s CMD ["/usr/local/bin/seisaku", "health", "-url", "http://127.0.0.1:8080/readyz"]
ENTRYPOINT ["/usr/local/bin/seisaku"]
CMD ["serve"]

# The default image reads scanned PDF pages with Tesseract and its Japanese
# models (horizontal and vertical), run as a subprocess per page.
FROM debian:bookworm-slim
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      tesseract-ocr tesseract-ocr-jpn tesseract-ocr-jpn-vert ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --uid 65532 --create-home nonroot
COPY --from=build /out/seisaku /usr/local/bin/seisaku
# the PDF engine caches its compiled code under the user's cache directory
ENV XDG_CACHE_HOME=/home/nonroot/.cache
USER nonroot:nonroot
VOLUME ["/index"]
ENV SEISAKU_ADDR=:8080
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=60s CMD ["/usr/local/bin/seisaku", "health", "-url", "http://127.0.0.1:8080/readyz"]
ENTRYPOINT ["/usr/local/bin/seisaku"]
CMD ["serve"]
